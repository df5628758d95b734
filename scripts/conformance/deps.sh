#!/bin/sh
# What `make conformance` needs beyond `make test`: the PDF producers and their fonts.
set -e
need_apt=""
command -v soffice >/dev/null 2>&1 || need_apt="$need_apt libreoffice-writer-nogui"
command -v wkhtmltopdf >/dev/null 2>&1 || need_apt="$need_apt wkhtmltopdf"
fc-list 2>/dev/null | grep -q DejaVuSans || need_apt="$need_apt fonts-dejavu"
if [ -n "$need_apt" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_apt
fi
if ! python3 -c "import weasyprint, docx" >/dev/null 2>&1; then
    python3 -m pip install --quiet weasyprint python-docx 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages weasyprint python-docx
fi
