"""What uploads may cost: the pixels of an upload's images (read from their headers before
anything is decoded), and the builds that run at once (more wait, then get a 503)."""

from __future__ import annotations

import io
import re
import struct
import threading
import time
import zipfile
import zlib

import pytest

from pipeline.web import limits
from pipeline.web.limits import BuildSlots

SAMPLE = "bao-nghe-an"
WIDTH, HEIGHT = 8889, 8888  # 79.0 megapixels, under the 80 allowed for one image


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data)))


@pytest.fixture(scope="module")
def flat_png() -> bytes:
    """A 79 MP greyscale PNG of one colour: a few hundred kB, 79 MB once decoded."""
    row = b"\0" * (1 + WIDTH)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(HEIGHT)) + packer.flush()
    ihdr = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", data)
            + _chunk(b"IEND", b""))


def zip_of(sample_dir, extra) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(sample_dir / f"{SAMPLE}.yaml", f"{SAMPLE}.yaml")
        for image in sorted((sample_dir / "images").iterdir()):
            z.write(image, f"images/{image.name}")
        for name, data in extra:
            z.writestr(name, data)
    return out.getvalue()


def post(client, name, data, **form):
    form["file"] = (io.BytesIO(data), name)
    return client.post("/upload", data=form, content_type="multipart/form-data")


def test_a_small_zip_of_many_megapixels_is_refused_before_decoding(client, sample_dir,
                                                                  flat_png, monkeypatch):
    import PIL.Image

    def no_decoding(*args, **kwargs):
        raise AssertionError("an image was opened")

    monkeypatch.setattr(PIL.Image, "open", no_decoding)
    data = zip_of(sample_dir, [(f"images/phang-{n}.png", flat_png) for n in range(3)])
    assert len(data) < 1024 * 1024  # 237 megapixels in a small upload
    response = post(client, "bai.zip", data)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    total = int(re.search(r"tổng cộng (\d+) triệu điểm ảnh", html)[1])
    assert total >= 237 and "giới hạn 200 triệu" in html


def test_pixels_within_the_budget_are_taken(client, sample_dir, flat_png):
    response = post(client, "bai.zip", zip_of(sample_dir, [("images/phang.png", flat_png)]))
    assert response.status_code == 303


def test_the_budget_counts_every_image_and_nothing_else(tmp_path, flat_png):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.png").write_bytes(flat_png)
    (tmp_path / "y.jpg").write_bytes(flat_png)  # named .jpg, still a PNG: counted
    (tmp_path / "bai.yaml").write_text("title: x\n")
    (tmp_path / "hong.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    limits.check_pixels(tmp_path, limit=2 * WIDTH * HEIGHT)
    with pytest.raises(limits.Refused) as refused:
        limits.check_pixels(tmp_path, limit=2 * WIDTH * HEIGHT - 1)
    assert refused.value.status == 413


def test_builds_beyond_the_slots_wait_then_get_a_503(app, sample_dir):
    state = app.extensions["pipeline"]
    state.slots = BuildSlots(count=2, wait=0.3)
    gate, started = threading.Event(), threading.Semaphore(0)
    render = state.catalog.render

    def slow(doc, layout, fmt, options, warnings=None):
        started.release()
        gate.wait(10)
        return render(doc, layout, fmt, options, warnings)

    state.catalog.render = slow
    yaml = (sample_dir / f"{SAMPLE}.yaml").read_bytes()
    statuses = []

    def upload():
        statuses.append(post(app.test_client(), "bai.yaml", yaml, draft="1").status_code)

    running = [threading.Thread(target=upload) for _ in range(2)]
    for thread in running:
        thread.start()
    try:
        assert started.acquire(timeout=10) and started.acquire(timeout=10)
        begin = time.monotonic()
        response = post(app.test_client(), "bai.yaml", yaml, draft="1")
        assert response.status_code == 503
        assert 0.3 <= time.monotonic() - begin < 5  # waited briefly first
        assert int(response.headers["Retry-After"]) > 0
        assert "Máy chủ đang bận" in response.get_data(as_text=True)
    finally:
        gate.set()
        for thread in running:
            thread.join()
    assert statuses == [303, 303]
    assert post(app.test_client(), "bai.yaml", yaml, draft="1").status_code == 303


def test_a_waiting_build_runs_when_a_slot_frees(app, sample_dir):
    state = app.extensions["pipeline"]
    state.slots = BuildSlots(count=1, wait=5)
    yaml = (sample_dir / f"{SAMPLE}.yaml").read_bytes()
    statuses: list[int] = []

    def upload():
        statuses.append(post(app.test_client(), "bai.yaml", yaml, draft="1").status_code)

    waiting = threading.Thread(target=upload)
    with state.slots.held():  # the one slot is taken
        waiting.start()
        time.sleep(0.3)
        assert statuses == []  # the upload waits for it
    waiting.join(10)
    assert statuses == [303]
