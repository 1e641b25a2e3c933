"""Times POST /api/v1/customers/batch straight against a running server, no browser: N batches of
100 new customers, printing the mean time a batch per 50 batches (does the write path slow down as
the table grows?).  python3 bench/batch-times.py http://127.0.0.1:8080 demo-token 150"""
import json, sys, time, urllib.request, uuid
url, token, batches = sys.argv[1], sys.argv[2], int(sys.argv[3])
tag = uuid.uuid4().hex[:6]
t_all = time.time()
window = []
for b in range(batches):
    rows = []
    for i in range(100):
        n = b * 100 + i
        d = f"bt{tag}-{n}.fi"
        rows.append({"idempotency_key": f"{tag}-{n}", "customer": {"organization_name": f"Batch {tag} {n:05d}", "domain": d, "user_licenses": 25, "extra_storage_gb": 1000, "notify_emails": [f"it@{d}"], "storage_type": "azure_ireland"}})
    req = urllib.request.Request(url + "/api/v1/customers/batch", data=json.dumps({"rows": rows}).encode(), headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"}, method="POST")
    t = time.time()
    with urllib.request.urlopen(req) as r:
        body = json.load(r)
    window.append(time.time() - t)
    assert all(x["outcome"] == "created" for x in body["results"]), body["results"][0]
    if (b + 1) % 50 == 0:
        print(f"rows {(b+1)*100:6d}: last 50 batches {sum(window)/len(window)*1000:.0f} ms/batch", flush=True)
        window = []
print(f"total {time.time()-t_all:.1f} s")
