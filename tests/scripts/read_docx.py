"""Reads a .docx with python-docx (an independent reader) and prints every paragraph's
text, body and table cells in document order, as JSON: the export tests compare it with
what they wrote. Exits 3 when python-docx is not installed, so the test can say so."""
import json
import sys

try:
    import docx  # python-docx
    import docx.table
    import docx.text.paragraph
except ImportError:
    sys.exit(3)


def texts(path):
    document = docx.Document(path)
    body = document.element.body
    out = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(docx.text.paragraph.Paragraph(child, document).text)
        elif tag == "tbl":
            table = docx.table.Table(child, document)
            for row in table.rows:
                for cell in row.cells:
                    out.extend(p.text for p in cell.paragraphs)
    return out


if __name__ == "__main__":
    json.dump(texts(sys.argv[1]), sys.stdout, ensure_ascii=False)
