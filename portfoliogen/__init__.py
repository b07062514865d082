"""portfoliogen: a static site generator for freelancers' portfolio sites."""

__version__ = "0.1.0"

# The name on the package index ("portfoliogen" there is an unrelated project)
# and where the source lives: a placeholder on a reserved domain until the
# project has a public home (pyproject.toml's [project.urls] says the same).
DISTRIBUTION = "portfoliogen-ssg"
REPOSITORY = "https://git.example.org/portfoliogen/portfoliogen"
