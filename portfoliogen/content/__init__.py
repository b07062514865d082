"""Users' content: sources, front matter, loaders, the content model, and resolving it into a Site."""
