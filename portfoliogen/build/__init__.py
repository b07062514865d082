"""Running a build and every cache it keeps: pipeline, build state, page dependencies,
stored HTML, the no-change shortcut and the output folder. Imports nothing heavy."""
