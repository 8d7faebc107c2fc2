"""The pre-send HTTP service: `replylint serve --http`, `POST /v1/check` and the compose page.

`app.create_app` builds the Starlette application; `presend` holds the request contract
and the blocking policy (usable without HTTP); `team` reloads the team's config file;
`launch.serve` runs the real server in a child process (for end-to-end tests, benchmarks).
"""
