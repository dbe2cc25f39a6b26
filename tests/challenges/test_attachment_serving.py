"""Attachments are shown in the browser only when they are real images (issue 10, "Uploads").

A file that starts like a GIF and goes on as HTML passes the first-bytes check at upload; it used to be
served inline as image/gif. Now only an image Pillow decodes is shown; everything else is downloaded.
"""

from __future__ import annotations

import io
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageFile

from challenges.models import ChallengeAttachment
from challenges.services.challenges import attachment_check, attachment_is_displayable
from tests.challenges.helpers import PDF_BYTES

# Starts as a GIF (so ``filetype`` says image/gif), then is an HTML page with a script.
POLYGLOT = b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;<html><body><script>alert(document.domain)</script></body></html>"


def _image(fmt: str, size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture
def attach(settings, tmp_path, world):
    settings.MEDIA_ROOT = tmp_path

    def make(name: str, content: bytes, content_type: str) -> ChallengeAttachment:
        attachment = ChallengeAttachment(
            challenge=world["challenge"], title=name, content_type=content_type, size=len(content)
        )
        attachment.file.save(name, ContentFile(content), save=True)
        return attachment

    return make


def _download(attachment: ChallengeAttachment, user):
    client = Client()
    client.force_login(user)
    response = client.get(reverse("challenges:attachment_download", args=[attachment.challenge_id, attachment.pk]))
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_the_polyglot_passes_the_first_bytes_check(db):
    """Why the check at upload is not enough: it reads the first bytes only."""
    assert attachment_check(file=SimpleUploadedFile("chat.gif", POLYGLOT)) == "image/gif"


def test_a_gif_html_polyglot_is_downloaded_never_shown(attach, owner):
    attachment = attach("chat.gif", POLYGLOT, "image/gif")

    response, body = _download(attachment, owner)

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert body == POLYGLOT  # the file itself is intact, only how it is served changed


@pytest.mark.parametrize(("fmt", "mime"), [("GIF", "image/gif"), ("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_a_real_image_is_shown_inline_and_reopens(attach, owner, fmt, mime):
    attachment = attach(f"photo.{fmt.lower()}", _image(fmt), mime)

    response, body = _download(attachment, owner)

    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == mime
    assert response["X-Content-Type-Options"] == "nosniff"
    with Image.open(io.BytesIO(body)) as image:
        assert (image.format, image.size) == (fmt, (4, 3))


def test_a_pdf_is_downloaded_with_its_type(attach, owner):
    pdf = attach("fiche.pdf", PDF_BYTES, "application/pdf")

    response, body = _download(pdf, owner)

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert body == PDF_BYTES


def test_an_image_that_is_not_the_type_recorded_is_downloaded(attach):
    # A PNG recorded as a GIF: shown as a GIF, a browser could guess; it is downloaded instead
    assert not attachment_is_displayable(attachment=attach("photo.gif", _image("PNG"), "image/gif"))
    assert attachment_is_displayable(attachment=attach("photo.png", _image("PNG"), "image/png"))


def test_a_truncated_image_is_downloaded(attach):
    whole = _image("PNG", size=(64, 64))

    assert not attachment_is_displayable(attachment=attach("cut.png", whole[: len(whole) // 2], "image/png"))


def test_a_truncated_image_is_downloaded_even_after_a_pdf_was_rendered_in_the_process(attach, monkeypatch):
    # Importing WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process: the check must not follow it.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    whole = _image("PNG", size=(64, 64))

    assert not attachment_is_displayable(attachment=attach("cut.png", whole[: len(whole) // 2], "image/png"))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # what WeasyPrint set is given back


def _png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header (with a correct checksum) claims a size its data does not hold."""
    png = _image("PNG", size=(1, 1))
    start = png.index(b"IHDR")
    header = b"IHDR" + width.to_bytes(4, "big") + height.to_bytes(4, "big") + png[start + 12 : start + 17]
    return png[:start] + header + zlib.crc32(header).to_bytes(4, "big") + png[start + 21 :]


def test_a_huge_image_is_not_decoded_to_be_shown(attach):
    # 8,000 × 6,000 pixels claimed in a few bytes: decoding it would take 144 MB
    huge = _png_header_claiming(8_000, 6_000)
    with Image.open(io.BytesIO(huge)) as image:
        assert image.size == (8_000, 6_000)  # Pillow reads the header: the size check is what refuses it

    assert not attachment_is_displayable(attachment=attach("huge.png", huge, "image/png"))
