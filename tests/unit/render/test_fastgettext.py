import gettext

import jinja2
import pytest

from portfoliogen.render.fastgettext import install_gettext


class _Catalog(gettext.NullTranslations):
    def gettext(self, message):
        return {"Work": "Trabalho", "Hi %(name)s": "Olá <b>%(name)s</b>", "100%% <sure>": "100%% <certo>"}.get(
            message, message)


def _envs():
    plain = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined)
    plain.install_gettext_translations(_Catalog(), newstyle=True)
    fast = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined)
    install_gettext(fast, _Catalog())
    return plain, fast


@pytest.mark.parametrize("source", [
    "{{ _('Work') }} {{ _('Work') }} {{ gettext('Work') }}",
    "{{ _('Hi %(name)s', name='<x>') }}",
    "{{ _('100%% <sure>') }} {{ _('100%% <sure>') }}",
    "{% for i in [1, 2] %}{{ _('Work') }}{{ loop.index }}{% endfor %}",
    "{% trans %}Work{% endtrans %} {% trans name='<y>' %}Hi {{ name }}{% endtrans %}",
    "{% autoescape false %}{{ _('Hi %(name)s', name='<z>') }}{{ _('Work') }}{% endautoescape %}{{ _('Work') }}",
    "{{ ngettext('%(num)d item', '%(num)d items', 2) }}",
    "{% set gettext = upper %}{{ _('Work') }}",
])
def test_the_same_text_as_jinja2s_newstyle_gettext(source):
    plain, fast = _envs()
    context = {"upper": lambda s, **kw: s.upper()}
    assert fast.from_string(source).render(context) == plain.from_string(source).render(context)


def test_a_missing_variable_raises_as_jinja2s_does():
    for env in _envs():
        with pytest.raises(KeyError):
            env.from_string("{{ _('Hi %(name)s') }}").render()
