-- wrk script: POST a run request whose stdin is one SQL statement (path given with the URL).
wrk.method = "POST"
wrk.body = '{"stdin":"select 1+1;"}'
wrk.headers["Content-Type"] = "application/json"
