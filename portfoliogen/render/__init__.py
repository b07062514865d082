"""One page from a resolved site: theme, Markdown, bodies, page contexts, and the record
of what each template read. Knows nothing of previous builds."""
