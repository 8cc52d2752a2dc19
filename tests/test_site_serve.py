"""`make serve`'s server (nnviz.site.serve): byte ranges for video seeking, loopback only."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from nnviz.site.serve import make_server, serve_in_background


@pytest.fixture()
def served(tmp_path):
    data = bytes(range(256)) * 40  # 10240 bytes
    (tmp_path / "v.mp4").write_bytes(data)
    server, url = serve_in_background(tmp_path)
    yield url, data
    server.shutdown()
    server.server_close()


def get(url, range_=None):
    request = urllib.request.Request(url, headers={"Range": range_} if range_ else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@pytest.mark.parametrize("header,start,end", [("bytes=100-199", 100, 199), ("bytes=10000-", 10000, 10239),
                                              ("bytes=-40", 10200, 10239), ("bytes=10200-99999", 10200, 10239)])
def test_a_byte_range_is_answered_with_206_and_exactly_those_bytes(served, header, start, end):
    url, data = served
    status, headers, body = get(url + "v.mp4", header)
    assert status == 206
    assert headers["Content-Range"] == f"bytes {start}-{end}/{len(data)}"
    assert body == data[start:end + 1] and int(headers["Content-Length"]) == len(body)


def test_no_range_gets_the_whole_file_and_says_ranges_are_accepted(served):
    url, data = served
    status, headers, body = get(url + "v.mp4")
    assert (status, body, headers["Accept-Ranges"]) == (200, data, "bytes")


def test_a_range_past_the_end_is_416_with_the_size(served):
    url, data = served
    status, headers, _ = get(url + "v.mp4", "bytes=20000-")
    assert status == 416 and headers["Content-Range"] == f"bytes */{len(data)}"


def test_it_listens_on_loopback_only_and_refuses_a_missing_folder(tmp_path):
    server = make_server(tmp_path)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()
    with pytest.raises(FileNotFoundError, match="no-site"):
        make_server(tmp_path / "no-site")
