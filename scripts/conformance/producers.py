"""Score the born-digital PDFs a conformance run has rendered, one producer folder at a time
(after a scan run, the PDFs its scans came from), without rendering the rest.

    python3 scripts/conformance/producers.py BIN target/conformance/seedS-n60
"""
import glob
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402


def main(bin_, base):
    for folder in sorted(glob.glob(os.path.join(base, "*-*"))):
        name = os.path.basename(folder)
        pdfs = sorted(glob.glob(os.path.join(folder, "*.pdf")))
        if name.startswith(("ds-", "scan-")) or not pdfs:
            continue
        with tempfile.TemporaryDirectory() as ds:
            out = os.path.join(ds, "ds")
            subprocess.run([bin_, "ingest", *pdfs, "--out", out], check=True, capture_output=True)
            ids = {os.path.basename(p)[:-4] for p in pdfs}
            row = score.score(os.path.join(base, "src"), out, folder, ids=ids)
        figures = ", ".join(f"{k} {row[k]}" for k in
                            ("measures", "scores", "texts", "objectives", "header", "planted", "false", "lossy"))
        print(f"{name}: {len(pdfs)} PDFs; {figures}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
