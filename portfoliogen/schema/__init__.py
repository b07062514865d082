"""Reading what users write: located YAML (yamlfile), value validators (fields) and
pydantic errors as one-line SiteErrors (validate). Shared by config, content and themes."""
