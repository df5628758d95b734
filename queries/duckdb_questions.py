"""Run queries/questions.sql in DuckDB against a dataset folder.

    python3 queries/duckdb_questions.py out/demo [--check]
"""
import os
import sys

import duckdb

ds = sys.argv[1] if len(sys.argv) > 1 else "out/demo"
check = "--check" in sys.argv
sql = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "questions.sql"), encoding="utf-8").read()
statements = [s.strip() for s in sql.replace("{ds}", ds).split(";") if s.strip()]
con = duckdb.connect()
answers = []
for i, statement in enumerate(statements, 1):
    rel = con.sql(statement)
    print(f"{i}.")
    rel.show(max_width=160)
    answers.append(rel.fetchall())

if check:
    series, fell, errors = answers
    assert [(r[1], r[3]) for r in series] == [(2019, 93.9), (2020, 100.0), (2021, 100.0)], series
    assert [(r[2], r[4]) for r in fell] == [(2020, 91.9), (2021, 90.4)], fell
    assert errors and errors[0][2] == "measure_count_mismatch", errors
    assert errors[0][6].endswith("13 арга хэмжээ байна. Үүнээс:"), errors
    print("duckdb: answers as expected")
