"""Deploy presets: the configuration each static host needs to build and
publish a site (`portfoliogen new --host`, `portfoliogen deploy HOST`)."""

HOSTS = ("github-pages", "netlify", "cloudflare-pages", "vercel", "gitlab-pages")
