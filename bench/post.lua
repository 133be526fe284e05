-- wrk script: POST a JSON run request (path given with the URL).
wrk.method = "POST"
wrk.body = '{"name":"bench"}'
wrk.headers["Content-Type"] = "application/json"
