"""portfoliogen: a static site generator for freelancers' portfolio sites."""

__version__ = "0.1.0"
