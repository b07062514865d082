"""The command line: parse arguments, call one function per command, print errors one per
line, and exit 0 (success), 1 (a problem in the site) or 2 (a usage error)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import time
import traceback
from pathlib import Path

import click

from portfoliogen import __version__
from portfoliogen.deploy import HOSTS
from portfoliogen.errors import SiteError, SiteErrors, did_you_mean, os_error_line, plural

_TOO_BIG = {RecursionError: "a content file or template nests too deeply to build",
            MemoryError: "out of memory (is a content file or image unusually large?)"}


class _State:
    debug = False


def _fail(err: SiteError | SiteErrors) -> None:
    errors = err.errors if isinstance(err, SiteErrors) else [err]
    for error in errors:
        click.echo(str(error), err=True)
    if len(errors) > 1:
        click.echo(f"{plural(len(errors), 'problem')}; nothing was written.", err=True)
    sys.exit(1)


def run_command(func, *args, **kwargs):
    """Site problems -> one line each and exit 1; bugs -> a short message
    (the traceback only with --debug)."""
    try:
        return func(*args, **kwargs)
    except (SiteError, SiteErrors) as err:
        if _State.debug:
            traceback.print_exc()
        _fail(err)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except OSError as err:   # the machine, not the site: a full disk, a permission, a bad path
        if _State.debug:
            traceback.print_exc()
        click.echo(os_error_line(err), err=True)
        sys.exit(1)
    except (RecursionError, MemoryError) as err:
        if _State.debug:
            traceback.print_exc()
        click.echo(f"portfoliogen: {_TOO_BIG[type(err)]}", err=True)
        sys.exit(1)
    except Exception as err:  # a bug in portfoliogen, not in the site
        if _State.debug:
            traceback.print_exc()
        elif str(err).startswith("Symlink loop from "):   # pathlib's resolve() before Python 3.13
            click.echo(f"portfoliogen: {err} (a symbolic link points at itself or round in a circle)",
                       err=True)
        else:
            click.echo(f"portfoliogen: internal error: {type(err).__name__}: {err} "
                       f"(run with --debug for the traceback, and please report it)", err=True)
        sys.exit(1)


def _today(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _print_themes_dir(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from portfoliogen.fsutil import builtin_themes_dir

        click.echo(builtin_themes_dir())
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="portfoliogen")
@click.option("--themes-dir", is_flag=True, expose_value=False, is_eager=True, callback=_print_themes_dir,
              help="Print the folder of the built-in themes (to copy a template from) and exit.")
@click.option("--debug", is_flag=True, help="Show tracebacks and stage timings.")
def main(debug: bool) -> None:
    """portfoliogen: a portfolio site for freelancers from plain files."""
    _State.debug = debug
    configure_process(debug)


def configure_process(debug: bool) -> None:
    """Every process-wide setting, made here at start-up, or listed here with
    the reason it is made elsewhere:

    - logging: bare messages; portfoliogen's own at DEBUG under --debug.
    - Pillow (images.max_pixels as the decompression-bomb limit, the HEIF
      opener, no truncated images): images.decode.configure_pillow, before
      each decode, because a build whose images are cached never loads
      Pillow and image workers are fresh processes.
    - The garbage collector: off while a build runs (build.pipeline.build),
      not for the whole process, since the dev server lives on between
      builds; forked render workers turn it back on (parallel.py).
    - The MIME table is never changed: the dev server has its own
      (serve/rules.CONTENT_TYPES); mimetypes.add_type would change the
      table of the whole process.
    - Warnings filters are only ever set inside `warnings.catch_warnings()`."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("portfoliogen").setLevel(logging.DEBUG if debug else logging.WARNING)


config_option = click.option("--config", "config_path", type=click.Path(path_type=Path),
                             default=Path("config.yaml"), show_default=True, help="The site's config file.")
today_option = click.option("--today", hidden=True, help="Pretend today is this date (tests).")


@main.command("build")
@config_option
@click.option("--output", type=click.Path(path_type=Path), help="Output folder (default: config's 'output').")
@click.option("--drafts", is_flag=True, help="Include case studies marked draft.")
@click.option("--base-url", help="Override base_url (e.g. for a preview deploy).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--no-cache", is_flag=True, help="Ignore the build cache: render every page again.")
@today_option
def build_command(config_path: Path, output: Path | None, drafts: bool, base_url: str | None,
                  strict: bool, no_cache: bool, today: str | None) -> None:
    """Build the site into the output folder."""
    started = time.perf_counter()
    if not no_cache:
        from portfoliogen.build import fastpath

        same = run_command(fastpath.unchanged, config_path,   # bad YAML: the build's one-line error
                           fastpath.options_key(output, drafts, base_url, strict, _today(today)))
        if same is not None:
            for notice in same["notices"]:
                click.echo(f"warning: {notice}", err=True)
            click.echo(f"Nothing changed: {plural(same['pages'], 'page')} and {plural(same['images'], 'image')}"
                       f" in {Path(same['output']).name}/ are up to date ({time.perf_counter() - started:.2f} s)")
            _mention_check(same.get("warnings", 0))
            return

    from portfoliogen.build.pipeline import BuildOptions, build

    options = BuildOptions(config_path=config_path, output=output, drafts=drafts, base_url=base_url,
                           today=_today(today), progress=sys.stderr.isatty(), strict=strict,
                           use_cache=not no_cache)
    report = run_command(build, options)
    for notice in report.notices:
        click.echo(f"warning: {notice}", err=True)
    click.echo(report.summary(config_path.resolve().parent))
    _mention_check(len(report.warnings))
    del report
    _exit_now()


# A build leaves a million objects behind (the site, its state, the last values kept for the
# dev server): freeing them one by one and the interpreter's last collection took ~0.3 s at
# 1,000 case studies, after the work was done. The command line exits at once instead, as
# mypy does; its own files are closed, its workers gone, and a test runner calling `main`
# in-process (its argv[0] is not ours) exits as usual.
def _exit_now(code: int = 0) -> None:
    first = Path(sys.argv[0])
    if first.name != "portfoliogen" and first.parent.name != "portfoliogen":   # (python -m portfoliogen)
        return
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _mention_check(count: int) -> None:
    """`build` does not list what `check` finds (a build is for publishing),
    but says it is there."""
    if count:
        click.echo(f"{plural(count, 'thing')} a client would miss; run `portfoliogen check`", err=True)


@main.command("check")
@config_option
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too (for CI).")
@click.option("--mark-translated", "mark", is_flag=True,
              help="Record that the translations FILES (e.g. content/pages/about.pt.md) match their sources now.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@today_option
def check_command(config_path: Path, strict: bool, today: str | None, mark: bool, files: tuple[Path, ...]) -> None:
    """Validate content, config and theme without writing anything."""
    from portfoliogen.build.pipeline import BuildOptions, build

    if files and not mark:
        raise click.UsageError("FILES are only for --mark-translated")
    if mark:   # writes source_hash into the translations named, then checks as usual
        from portfoliogen.check import mark_translated
        from portfoliogen.config import load_config

        config = run_command(load_config, config_path)
        for done in run_command(mark_translated, config, list(files)):
            click.echo(f"Marked {done} as up to date with its source")

    report = run_command(build, BuildOptions(config_path=config_path, today=_today(today), write=False))
    for warning in sorted(report.warnings, key=SiteError.sort_key):   # the lines `build --strict` fails with
        click.echo(str(warning), err=True)
    click.echo(report.summary(config_path.resolve().parent))
    if report.warnings:
        click.echo(f"{plural(len(report.warnings), 'thing')} a client would miss"
                   f"{' (--strict: failing)' if strict else ''}.", err=True)
    if strict and report.warnings:
        sys.exit(1)


@main.command("pitch")
@click.argument("name")
@config_option
@today_option
def pitch_command(name: str, config_path: Path, today: str | None) -> None:
    """Scaffold a pitch page for one prospect and print its URL."""
    from portfoliogen.scaffold import new_pitch

    path, url = run_command(new_pitch, config_path, name, _today(today))
    click.echo(f"Wrote {path}")
    click.echo(f"Its URL once built and deployed (share it only with them): {url}")


@main.command("import")
@click.argument("resume", type=click.Path(path_type=Path, dir_okay=False))
@config_option
def import_command(resume: Path, config_path: Path) -> None:
    """Create or update content/profile.yaml and cv.yaml from a JSON Resume file."""
    from portfoliogen.documents.resume_import import import_resume

    content = config_path.resolve().parent / "content"
    written, notes = run_command(import_resume, resume, content, str(resume))
    for path in written:
        click.echo(f"Wrote {path.relative_to(config_path.resolve().parent).as_posix()}")
    for note in notes:
        click.echo(f"Note: {note}")


@main.command("new")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--theme", default="default", show_default=True, help="Theme for the new site.")
@click.option("--host", type=click.Choice(HOSTS), default="github-pages", show_default=True,
              help="Where the site will be published: writes that host's build and headers config.")
def new_command(path: Path, theme: str, host: str) -> None:
    """Create a working site with sample content and a deploy configuration."""
    from portfoliogen.scaffold import builtin_themes, new_site

    themes = builtin_themes()
    if theme not in themes:   # a usage error: checked before anything is created
        click.echo(f"portfoliogen new: unknown theme '{theme}'{did_you_mean(theme, themes)}; "
                   f"the built-in themes are: {', '.join(themes)}", err=True)
        sys.exit(2)
    created = run_command(new_site, path, theme, host)
    click.echo(f"Created a site in {created} (deploys to {host}). Next: cd {path} && portfoliogen build")


@main.command("deploy")
@click.argument("host", type=click.Choice(HOSTS))
@config_option
@click.option("--force", is_flag=True, help="Replace the host's files if they exist already.")
def deploy_command(host: str, config_path: Path, force: bool) -> None:
    """Add a host's build and headers configuration to this site."""
    from portfoliogen.deploy.presets import write_preset

    written = run_command(write_preset, config_path, host, force)
    root = config_path.resolve().parent
    for path in written:
        click.echo(f"Wrote {path.relative_to(root).as_posix()}")
    click.echo("Commit these files; docs/guide/deploy.md has the host's one-time setup.")


@main.command("schema")
@click.option("--output", type=click.Path(path_type=Path), default=Path(".portfoliogen/schemas"),
              show_default=True, help="Folder to write the JSON Schemas into.")
@click.option("--markdown", is_flag=True, help="Print the field reference as Markdown instead.")
def schema_command(output: Path, markdown: bool) -> None:
    """Write JSON Schemas of config.yaml and the content files, for editors."""
    from portfoliogen.content import jsonschema as editorschema

    if markdown:
        click.echo(editorschema.field_reference(), nl=False)
        return
    for path in run_command(editorschema.write_schemas, output):
        click.echo(f"Wrote {path}")


@main.command("serve")
@config_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface, e.g. to test on a phone).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; the next free one if it is taken (0: any free port).")
@click.option("--drafts", is_flag=True, help="Include case studies marked draft.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a web browser.")
@today_option
def serve_command(config_path: Path, host: str, port: int, drafts: bool, open_browser: bool,
                  today: str | None) -> None:
    """Build, serve on localhost, rebuild and reload the browser on every save."""
    from portfoliogen.serve.server import ServeOptions, run_server

    options = ServeOptions(config_path=config_path, host=host, port=port, drafts=drafts,
                           today=_today(today), debug=_State.debug)
    sys.exit(run_command(run_server, options, open_browser))


@main.command("help")
@click.argument("command", required=False)
@click.pass_context
def help_command(ctx: click.Context, command: str | None) -> None:
    """Show the commands, or what one command does and its options."""
    group = ctx.parent
    if command is None:
        click.echo(group.get_help())
        return
    found = main.get_command(group, command)
    if found is None:
        click.echo(f"portfoliogen help: no command '{command}'{did_you_mean(command, main.list_commands(group))}; "
                   f"the commands are: {', '.join(main.list_commands(group))}", err=True)
        sys.exit(2)
    with click.Context(found, info_name=command, parent=group) as sub:
        click.echo(found.get_help(sub))


if __name__ == "__main__":
    main()
