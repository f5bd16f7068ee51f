#!/usr/bin/env python3
"""What remains after a simulator run (docs/evaluation.md, "Learning from feedback"): the useless
practices in the held-out wordings' top fives and the directly useful ones kept among related, each
read against the sibling wordings' grades, what the siblings' answers showed
(rec:{feedback}:request-shown:*) and what readers said about it (the feedback log). Run it against
the app the simulator drove, while it serves the version to look at:

    python3 benchmarks/Feedback.Simulation/what-remains.py REDIS_PORT [GATEWAY_URL] [OUT.json]

Needs redis-cli 7 (--json). The held-out split is the simulator's own (Wordings.cs).
"""
import json, hashlib, os, subprocess, sys, urllib.request, collections
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
if len(sys.argv) < 2:
    sys.exit(__doc__)
PORT = sys.argv[1]; GATEWAY = sys.argv[2] if len(sys.argv) > 2 else 'http://localhost:5080'
def rc(*a):
    return subprocess.run(['redis-cli', '-p', PORT, '--json', *a], capture_output=True, text=True, check=True).stdout
queries = [json.loads(l) for l in open(f'{REPO}/data/judgments/queries.jsonl')]
qrels = collections.defaultdict(dict)
for line in open(f'{REPO}/data/judgments/qrels.tsv').read().splitlines()[1:]:
    q, p, g = line.split('\t'); qrels[q][p] = int(g)
# Wordings.Split: per need with two or more wordings, the one with the lowest hash is held out.
h = lambda i: hashlib.sha256(('simulation:' + i).encode()).hexdigest()
needs = collections.defaultdict(list)
for q in queries: needs[q.get('need') or q['id']].append(q)
held, siblings = [], {}
for n, ws in needs.items():
    if len(ws) >= 2:
        ws = sorted(ws, key=lambda q: h(q['id'])); held.append(ws[0]); siblings[ws[0]['id']] = ws[1:]
fold = lambda s: ' '.join(s.split()).lower()
by_challenge = {fold(q['challenge']): q['id'] for q in queries}
# request hash -> query id; request id -> shown
reqs = {}
for key in subprocess.run(['redis-cli', '-p', PORT, '--scan', '--pattern', 'rec:{feedback}:request:*'], capture_output=True, text=True).stdout.split():
    r = json.loads(json.loads(rc('get', key)))
    reqs[key.split(':')[-1]] = by_challenge.get(fold(r['challenge']))
shown_by_query = collections.defaultdict(list)  # qid -> list of (results ids, related ids)
for key in subprocess.run(['redis-cli', '-p', PORT, '--scan', '--pattern', 'rec:{feedback}:request-shown:*'], capture_output=True, text=True).stdout.split():
    rid = key.split('request-shown:')[1]; qid = reqs.get(rid.split('.')[-1])
    s = json.loads(json.loads(rc('get', key)))
    shown_by_query[qid].append(([x['id'] for x in s['results']], s.get('related', [])))
events = collections.defaultdict(collections.Counter)  # (qid, practice) -> signal counts
start = '-'
while True:
    page = json.loads(rc('xrange', 'rec:{feedback}:events', start, '+', 'COUNT', '2000'))
    for eid, fields in page:
        f = dict(zip(fields[::2], fields[1::2])) if isinstance(fields, list) else fields
        qid = reqs.get((f.get('request_id') or '').split('.')[-1])
        events[(qid, f['practice_id'])][f['signal'] + ('@rel' if f.get('shown_in') == 'related' else '')] += 1
    if len(page) < 2000: break
    start = '(' + page[-1][0]
def ask(q):
    body = {'challenge': q['challenge'], 'limit': 10}
    if q.get('council'): body['council'] = q['council']
    if q.get('priorities'): body['priorities'] = q['priorities']
    req = urllib.request.Request(GATEWAY + '/api/v1/recommendations', json.dumps(body).encode(), {'Content-Type': 'application/json'})
    return json.load(urllib.request.urlopen(req, timeout=120))
useless_rows, kept_rows = [], []
for q in held:
    a = ask(q); top5 = [r['practice']['id'] for r in a['results']][:5]; rel = [r['practice']['id'] for r in a.get('related', [])]
    sibs = siblings[q['id']]
    def ctx(p):
        grades = [qrels[s['id']].get(p) for s in sibs]
        shown_res = sum(p in res for s in sibs for res, _ in shown_by_query[s['id']])
        shown_rel = sum(p in r for s in sibs for _, r in shown_by_query[s['id']])
        asked = sum(len(shown_by_query[s['id']]) for s in sibs)
        sig = sum((events[(s['id'], p)] for s in sibs), collections.Counter())
        return dict(sib_grades=grades, sib_answers=asked, shown_in_sib_results=shown_res, shown_in_sib_related=shown_rel, sib_signals=dict(sig))
    for i, p in enumerate(top5):
        if qrels[q['id']].get(p, 0) == 0:
            useless_rows.append(dict(query=q['id'], rank=i + 1, practice=p, graded=p in qrels[q['id']], **ctx(p)))
    for i, p in enumerate(rel):
        if qrels[q['id']].get(p) == 2:
            kept_rows.append(dict(query=q['id'], related_rank=i + 1, practice=p, shown=len(a['results']), **ctx(p)))
json.dump(dict(useless=useless_rows, useful_kept_related=kept_rows), open(sys.argv[3] if len(sys.argv) > 3 else '/dev/stdout', 'w'), indent=1)
print(len(useless_rows), 'useless;', len(kept_rows), 'directly useful kept in related', file=sys.stderr)
