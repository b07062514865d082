"""Running a build and every cache it keeps: the pipeline, the build state
(data only), per-page dependency records, stored HTML, the no-change
shortcut and the output folder (refuse, stage, swap). Importing this package
imports nothing heavy: the no-change shortcut runs before pydantic or Jinja2
are loaded."""
