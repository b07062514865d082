"""The quick inline pass converts exactly as Python-Markdown's own."""

from __future__ import annotations

import random
import re

import pytest
from markdown.treeprocessors import InlineProcessor

from portfoliogen.render import markdown as md_module
from portfoliogen.render.quickinline import NEEDS, QuickInline

PIECES = ["word", "two words", " ", "  \n", "\n", "\n\n", "*", "**", "_", "__", "`", "``", "\\", "\\\\",
          "[", "]", "(", ")", "[^1]", "![", "<", ">", "&", "&amp;", "&#8212;", "<b>", "</b>", "<!-- c -->",
          "<https://a.example/x>", "<me@a.example>", "'", '"', "'s", "'90s", "--", "---", "...", "....",
          "-", ".", ",", "é", "—", "[a](b.md)", "[a][r]", "[r]", "\n[r]: /x\n", "\n[^1]: note\n",
          "![i](p.png)", "*a*", "_b_", "**c**", "`d`", "\n- item\n", "\n1. one\n", "\n> q\n", "\n# H\n",
          "\n    code\n", "\n```\nx = '1'\n```\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "Term\n: def\n",
          "*[HTML]: Hyper\n", "HTML", "{: .c }", "\u0002", "\u0003"]


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(count)]


def _stock(make):
    """The same instance with Python-Markdown's own inline passes."""
    md = make()
    for processor in md.treeprocessors:
        if isinstance(processor, QuickInline):
            processor.__class__ = InlineProcessor
    return md


def _convert(md, text: str) -> str:
    md.reset()
    md.pg_parsed = md_module.Parsed("")
    md.pg_resolve_link = lambda href: href
    return md.convert(text)


@pytest.mark.parametrize("make", [lambda: md_module._full_markdown(1, True),
                                  lambda: md_module._full_markdown(2, False),
                                  md_module._inline_markdown], ids=["full", "no raw html", "inline"])
def test_same_html_as_python_markdown(make):
    quick, stock = make(), _stock(make)
    assert any(isinstance(p, QuickInline) for p in quick.treeprocessors)
    for text in _texts(400, seed=7):
        assert _convert(quick, text) == _convert(stock, text), text


def test_every_pattern_of_ours_is_ruled_out_only_when_it_cannot_match():
    """Each listed regular expression finds nothing in a text lacking all its strings."""
    rng = random.Random(3)
    alphabet = "ab _*`\\[]^!()<>@&#;:/.-'\"\n\t0123sxy\u0002\u0003"
    for regex, needs in NEEDS.items():
        compiled = re.compile(regex, re.DOTALL)
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
            if not any(s in text for s in needs):
                assert compiled.search(text) is None, (regex, text)


def test_all_patterns_in_use_are_known():
    """A pattern not in NEEDS is always tried (correct, only slower): this says when one appears."""
    for make in (lambda: md_module._full_markdown(1, True), md_module._inline_markdown):
        for processor in make().treeprocessors:
            if isinstance(processor, InlineProcessor):
                for pattern in processor.inlinePatterns:
                    assert pattern.getCompiledRegExp().pattern in NEEDS
