"""Python-Markdown's inline pass without trying patterns that cannot match: the same
output, in half the time of a body's conversion."""

from __future__ import annotations

import markdown
from markdown import util
from markdown.treeprocessors import InlineProcessor

# Python-Markdown tries each inline pattern (33 with smarty) on every piece of text, a Python call
# each even when the regular expression finds nothing: two thirds of a body's conversion. A pattern
# whose every match contains one of these strings cannot match a text holding none of them, so it is
# skipped. Keyed by the pattern's exact regular expression: a pattern Python-Markdown changes, or one
# not listed, is always tried.
NEEDS: dict[str, tuple[str, ...]] = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),                      # backtick
    r"\\(.)": ("\\",),                                                       # escape
    r"\[\^([^\]]*)\]": ("[^",),                                              # footnote
    r"(?<!\!)\[": ("[",),                                                    # (short) reference, link
    r"\!\[": ("![",),                                                        # images
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),                         # autolink
    r"<([^<> !]+@[^@<> ]+)>": ("<",),                                        # automail
    "  \\n": ("  \n",),                                                      # linebreak
    (r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?|"""
     r"!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)"): ("<",),  # raw HTML
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),               # entity
    r"\*|_": ("*", "_"),                                                     # emphasis
    # smarty
    r"(?<!-)---(?!-)": ("---",),
    r"(?<!-)--(?!-)": ("--",),
    r"(?<!\.)\.{3}(?!\.)": ("...",),
    r"""^'(?=[!"#\$\%'()*+,-.\/:;<=>?\@\[\\\]\^_`{|}~]\B)""": ("'",),
    r"""^"(?=[!"#\$\%'()*+,-.\/:;<=>?\@\[\\\]\^_`{|}~]\B)""": ('"',),
    r""""'(?=\w)""": ("\"'",),
    r"""'"(?=\w)""": ("'\"",),
    r"(?<=[^\ \t\r\n\[\{\(\-\u0002\u0003])" "\\'\"": ("'\"",),
    r"(?<=[^\ \t\r\n\[\{\(\-\u0002\u0003])" "\\\"'": ("\"'",),
    r"(?<!\w)'(?=\d{2}s)": ("'",),
    r"(\s|&nbsp;|--|–|—|&[mn]dash;|&#8211;|&#8212;)'(?=\w)": ("'",),
    r"(?<=[^\ \t\r\n\[\{\(\-\u0002\u0003])'(?!\s|s\b|\d)": ("'",),
    r"'(\s|s\b)": ("'",),
    "'": ("'",),
    r"""(\s|&nbsp;|--|–|—|&[mn]dash;|&#8211;|&#8212;)"(?=\w)""": ('"',),
    r'"(?=\s)': ('"',),
    r'(?<=[^\ \t\r\n\[\{\(\-\u0002\u0003])"': ('"',),
    '"': ('"',),
}


class QuickInline(InlineProcessor):
    """An InlineProcessor that skips the patterns `NEEDS` rules out for a text."""

    def run(self, tree, ancestors=None):
        # The table is made per run: extensions register and deregister patterns after set-up.
        self._pg_patterns = list(self.inlinePatterns)
        self._pg_needs = [NEEDS.get(p.getCompiledRegExp().pattern) for p in self._pg_patterns]
        self._pg_strings = tuple({s for needs in self._pg_needs if needs for s in needs})
        self._pg_plans: dict[frozenset[str], list[int]] = {}
        return super().run(tree, ancestors)

    def _plan(self, data: str) -> list[int]:
        """plan[i]: the first pattern from i on that may match `data` (len(patterns): none)."""
        found = frozenset([s for s in self._pg_strings if s in data])
        plan = self._pg_plans.get(found)
        if plan is None:
            count = len(self._pg_patterns)
            plan = [count] * (count + 1)
            for i in range(count - 1, -1, -1):
                needs = self._pg_needs[i]
                plan[i] = i if needs is None or not found.isdisjoint(needs) else plan[i + 1]
            self._pg_plans[found] = plan
        return plan

    # InlineProcessor.__handleInline as in Python-Markdown (name-mangled to override it), stepping
    # over the patterns that cannot match as if each had been tried and found nothing.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, util.AtomicString):
            return data
        patterns, apply = self._pg_patterns, self._InlineProcessor__applyPattern
        count = len(patterns)
        plan = self._plan(data)
        index, start = plan[patternIndex], 0
        while index < count:
            changed, matched, start = apply(patterns[index], data, index, start)
            if changed is not data:
                data, plan = changed, self._plan(changed)
            if not matched:
                index = plan[index + 1]          # a try that found nothing: the next one, from 0
            elif plan[index] != index:
                index, start = plan[index], 0    # it can no longer match: as its next try would
        return data


def quicken(md: markdown.Markdown) -> markdown.Markdown:
    """`md` with each of its inline passes (its own, smarty's) a QuickInline.
    The loop above is Python-Markdown 3's; another major version keeps its own."""
    if markdown.__version_info__[0] != 3:
        return md
    for processor in md.treeprocessors:
        if type(processor) is InlineProcessor:
            processor.__class__ = QuickInline
    return md
