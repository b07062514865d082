"""Search and sharing: meta, JSON-LD, sitemap, feed, social cards, icons and the vCard."""
