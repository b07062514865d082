"""content/media.py: gallery videos. A file beside the case study with its .vtt captions,
a YouTube or Vimeo link turned into a privacy-friendly player URL; every problem named
on its line; a link out of the project refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portfoliogen.content.media import video_copies
from portfoliogen.errors import SiteErrors
from tests.unit.sitefiles import error_lines, resolve, study, write_site


def gallery(*items: str) -> str:
    return "gallery:\n" + "".join(f"  - {item}\n" for item in items)


def one_video(tmp_path: Path, video: str, files: dict | None = None):
    write_site(tmp_path, {"content/case-studies/reel/index.md":
                          study("Reel", gallery(f"video: {video}\n    alt: The reel")), **(files or {})})
    site, _ = resolve(tmp_path)
    return site.case_studies[0].gallery[0].media


@pytest.mark.parametrize(("link", "embed", "watch"), [
    ("https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=10", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1",
     "https://www.youtube.com/watch?v=aqz-KE-bpKQ"),
    ("https://youtu.be/aqz-KE-bpKQ", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1",
     "https://www.youtube.com/watch?v=aqz-KE-bpKQ"),
    ("https://www.youtube.com/shorts/aqz-KE-bpKQ", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1",
     "https://www.youtube.com/watch?v=aqz-KE-bpKQ"),
    ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1",
     "https://vimeo.com/76979871"),
    ("https://vimeo.com/76979871/8a2b3c4d5e", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&h=8a2b3c4d5e",
     "https://vimeo.com/76979871/8a2b3c4d5e"),
    ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1",
     "https://vimeo.com/76979871"),
])
def test_youtube_and_vimeo_links_become_no_cookie_players(tmp_path: Path, link: str, embed: str, watch: str) -> None:
    media = one_video(tmp_path, link)
    kind = "vimeo" if "vimeo" in link else "youtube"
    assert (media.kind, media.embed_url, media.watch_url) == (kind, embed, watch)


def test_a_video_file_is_published_beside_the_page_with_its_captions(tmp_path: Path) -> None:
    media = one_video(tmp_path, "clip.mp4", {
        "content/case-studies/reel/clip.mp4": b"not really a film",
        "content/case-studies/reel/clip.vtt": "WEBVTT\n",
        "content/case-studies/reel/clip.pt-BR.vtt": "WEBVTT\n",
        "content/case-studies/reel/clip-extra.vtt": "WEBVTT\n",   # another clip's: not these captions
    })
    assert (media.kind, media.url_path, media.mime) == ("file", "/work/reel/clip.mp4", "video/mp4")
    assert [(t.url_path, t.language) for t in media.tracks] == [("/work/reel/clip.pt-BR.vtt", "pt-BR"),
                                                               ("/work/reel/clip.vtt", None)]
    site, _ = resolve(tmp_path)
    assert sorted(video_copies(site.case_studies)) == ["work/reel/clip.mp4", "work/reel/clip.pt-BR.vtt",
                                                       "work/reel/clip.vtt"]


def test_gallery_problems_are_named_on_their_line(tmp_path: Path) -> None:
    write_site(tmp_path, {"content/case-studies/reel.md": study("Reel", gallery(
        "alt: Nothing to show",
        "video: https://example.com/film.mp4\n    alt: Elsewhere",
        "video: https://www.youtube.com/watch?v=short\n    alt: No id",
        "video: missing.mp4\n    alt: Not there",
        "video: notes.txt\n    alt: Not a video",
    ))})
    with pytest.raises(SiteErrors) as err:
        resolve(tmp_path)
    assert error_lines(err.value) == [
        "content/case-studies/reel.md:6:5: needs 'src' (an image) or 'video'",
        "content/case-studies/reel.md:7:12: video 'https://example.com/film.mp4': only YouTube and Vimeo links "
        "can be embedded; for another host, put the video file beside the case study",
        "content/case-studies/reel.md:9:12: video 'https://www.youtube.com/watch?v=short': no YouTube video id "
        "found in this link",
        "content/case-studies/reel.md:11:12: video 'missing.mp4' not found",
        "content/case-studies/reel.md:13:12: video 'notes.txt' is not a video file (use MP4 or WebM) "
        "or a YouTube or Vimeo link",
    ]


def test_a_video_that_links_out_of_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.mp4").write_bytes(b"private")
    site_root = tmp_path / "site"
    write_site(site_root, {"content/case-studies/reel/index.md":
                           study("Reel", gallery("video: clip.mp4\n    alt: The reel"))})
    os.symlink(outside / "secret.mp4", site_root / "content/case-studies/reel/clip.mp4")
    with pytest.raises(SiteErrors) as err:
        resolve(site_root)
    (line,) = error_lines(err.value)
    assert line.startswith("content/case-studies/reel/clip.mp4: links outside the project")


def test_credit_is_kept_as_written(tmp_path: Path) -> None:
    write_site(tmp_path, {"content/case-studies/reel.md": study("Reel", gallery(
        "video: https://vimeo.com/76979871\n    alt: The reel\n    credit: Film — Ana Costa"))})
    site, _ = resolve(tmp_path)
    assert site.case_studies[0].gallery[0].credit == "Film — Ana Costa"
