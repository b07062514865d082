"""Reading what users write: YAML with the line and column of every key
(yamlfile), one validator per kind of value (fields), and pydantic errors
turned into one-line SiteErrors (validate). Shared by config, content and
themes."""
