"""A freelancer's own theme override: `check` names its strings no catalog translates, and a
catalog edit re-renders the pages that show it (incremental == clean)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import clean_build, run_cli, set_site_language, tree_digest

OVERRIDE = """{#- The site's own call-to-action band, with a line of its own. -#}
<section class="cta wrap" aria-labelledby="cta-title">
  <h2 id="cta-title" class="cta__title">{{ _("Have a project in mind?") }}</h2>
  <p class="cta__extra">{{ _("Coffee is on me") }}</p>
</section>
"""

CATALOG = '''msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Coffee is on me"
msgstr "{text}"
'''


def french_site_with_override(site: Path) -> Path:
    set_site_language(site / "config.yaml", "fr")
    partial = site / "themes" / "default" / "templates" / "partials" / "cta.html"
    partial.parent.mkdir(parents=True)
    partial.write_text(OVERRIDE, encoding="utf-8")
    return partial


def test_check_lists_the_strings_of_a_users_theme_without_translation(new_site):
    french_site_with_override(new_site)
    result = run_cli("check", cwd=new_site)
    lines = [line for line in result.stderr.splitlines() if "translation" in line]
    assert lines == ["themes/default/templates/partials/cta.html:4: “Coffee is on me” has no fr translation: "
                     "it shows in English (add it to themes/default/locale/fr/LC_MESSAGES/messages.po)"]
    # Translated by the user's catalog (merged over the theme's): nothing left to list.
    po = new_site / "themes/default/locale/fr/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(CATALOG.format(text="Le café est pour moi"), encoding="utf-8")
    result = run_cli("check", cwd=new_site)
    assert "translation" not in result.stderr, result.stderr


def test_a_catalog_edit_rerenders_like_a_clean_build(new_site, tmp_path):
    french_site_with_override(new_site)
    po = new_site / "themes/default/locale/fr/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(CATALOG.format(text="Le café est pour moi"), encoding="utf-8")
    assert run_cli("build", cwd=new_site).returncode == 0
    home = new_site / "output" / "index.html"
    html = home.read_text(encoding="utf-8")
    assert "Le café est pour moi" in html
    assert "Un projet en tête\u202f?" in html   # the built-in French catalog, under the user's
    po.write_text(CATALOG.format(text="On en parle autour d’un café"), encoding="utf-8")
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    assert "On en parle autour d’un café" in home.read_text(encoding="utf-8")
    assert tree_digest(new_site / "output") == clean_build(new_site, tmp_path)


def test_a_broken_catalog_is_one_line_at_its_line(new_site):
    french_site_with_override(new_site)
    po = new_site / "themes/default/locale/fr/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Coffee is on me"\nmsgstr "Café"\n\nmsgid "Tea"\nmgstr "Thé"\n', encoding="utf-8")
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "themes/default/locale/fr/LC_MESSAGES/messages.po:5: cannot read this message catalog: "
        "Unknown or misformatted keyword"]
    assert not (new_site / "output").exists()
