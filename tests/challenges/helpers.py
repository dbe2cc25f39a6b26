"""Form data and files shared by the challenges tests."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

# The smallest file that ``filetype`` recognises as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A whole 1 × 1 PNG, which Pillow decodes (attachments are shown only then).
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\xdac````\x00\x00\x00\x05\x00\x01z\xa8WP\x00\x00\x00\x00IEND\xaeB`\x82"
)
# An ELF executable header: what a program renamed "notes.pdf" starts with.
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120


def pdf_upload(name: str = "fiche.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def challenge_form_data(**fields: str) -> dict[str, str]:
    """A valid POST of the challenge form, with empty figure, link and file rows; ``fields`` override."""
    data = {
        "number": "10",
        "question": "Comment rendre les inscriptions scolaires plus simples ?",
        "subject": "Inscriptions scolaires",
        "organisation": "Ville de Rennes",
        "territory": "Rennes",
        **management("figures"),
        **management("links"),
        **management("files"),
        **management("existing"),
    }
    data.update(fields)
    return data
