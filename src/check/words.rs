//! Labels of evidence that several checks use, in both languages.
//!
//! Enters: nothing. Leaves: [`Message`]s.

use crate::model::Message;

pub(super) fn table_score() -> Message {
    Message::new("table score", "хүснэгтийн оноо")
}

/// The narrative list of the evaluation ("Зорилт 5.1 … /93.9/").
pub(super) fn evaluation() -> Message {
    Message::new("evaluation", "үнэлгээ")
}

pub(super) fn summary_count() -> Message {
    Message::new("summary table count", "нэгтгэл хүснэгтийн тоо")
}

pub(super) fn score_cell_ocr() -> Message {
    Message::new(
        "score cell as OCR read it",
        "текст таниулалтаар уншсан онооны нүд",
    )
}

pub(super) fn conclusion() -> Message {
    Message::new("conclusion", "дүгнэлт")
}

/// An entry of the evaluation's narrative list.
pub(super) fn item() -> Message {
    Message::new("item", "жагсаалтын мөр")
}

pub(super) fn score() -> Message {
    Message::new("score", "оноо")
}

pub(super) fn not_due() -> Message {
    Message::new("not due", "хугацаа болоогүй")
}

pub(super) fn not_evaluable() -> Message {
    Message::new("not evaluable", "үнэлэх боломжгүй")
}

pub(super) fn measures() -> Message {
    Message::new("measures", "арга хэмжээ")
}

pub(super) fn total_items() -> Message {
    Message::new("the total's items", "нийт ажлын тоо")
}
