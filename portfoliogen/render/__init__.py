"""One page from a resolved site: the theme (templates and assets), Markdown
(one parse: HTML and the images it shows), bodies, page contexts, and the
record of what each template read. Knows nothing of previous builds."""
