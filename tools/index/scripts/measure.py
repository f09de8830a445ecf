#!/usr/bin/env python3
"""Sizes of the index's budget scenarios: `measure.py API_DIR` (raw and gzip -9 bytes)."""
import gzip, json, math, os, sys

api = sys.argv[1]
def raw(p): return open(os.path.join(api, p), 'rb').read()
def size(paths):
    r = sum(len(raw(p)) for p in paths); g = sum(len(gzip.compress(raw(p), 9)) for p in paths)
    return r, g
def show(name, paths):
    r, g = size(paths); print(f"{name}: {len(paths)} docs, {r} B raw, {g} B gzip  {paths if len(paths) < 8 else ''}")

meta = json.loads(raw('meta.json')); ix = meta['index']
man = json.loads(raw(ix['tiles']))
# decode tree
leaves = []; stack = [('t', man['bbox'])]; it = iter(man['tree'])
def child(b, d):
    ml = (b['min_lat'] + b['max_lat']) / 2; mo = (b['min_lon'] + b['max_lon']) / 2
    la = (b['min_lat'], ml) if d & 2 == 0 else (ml, b['max_lat'])
    lo = (b['min_lon'], mo) if d & 1 == 0 else (mo, b['max_lon'])
    return dict(min_lat=la[0], max_lat=la[1], min_lon=lo[0], max_lon=lo[1])
while stack:
    i, b = stack.pop(); c = next(it)
    if c == 'x':
        for d in (3, 2, 1, 0): stack.append((i + str(d), child(b, d)))
    elif c == '*': leaves.append((i, b))
def hav(a, b):
    la1, la2 = math.radians(a[0]), math.radians(b[0]); dl = la2 - la1; do = math.radians(b[1] - a[1])
    h = math.sin(dl/2)**2 + math.cos(la1)*math.cos(la2)*math.sin(do/2)**2
    return 2 * 6371.0088 * math.asin(min(1, math.sqrt(h)))
def boxd(p, b):
    q = (min(max(p[0], b['min_lat']), b['max_lat']), min(max(p[1], b['min_lon']), b['max_lon']))
    return hav(p, q) * 0.999
tile_path = lambda t: ix['tile'].replace('{}', t)
def near(p, k=10):
    order = sorted(leaves, key=lambda l: boxd(p, l[1])); best = []; got = []
    for t, b in order:
        if len(best) >= k and best[k-1] <= boxd(p, b): break
        got.append(tile_path(t))
        for o in json.loads(raw(tile_path(t)))['offices']:
            best.append(hav(p, (o['location']['lat'], o['location']['lon'])))
        best.sort()
    return got
print(f"tiles: {len(leaves)}, tile manifest {len(raw(ix['tiles']))} B")
tsizes = sorted(len(gzip.compress(raw(tile_path(t)), 9)) for t, _ in leaves)
print(f"tile gzip: median {tsizes[len(tsizes)//2]}, p90 {tsizes[len(tsizes)*9//10]}, max {tsizes[-1]}")
for name, p in [('Tehran', (35.6892, 51.3890)), ('Azadi', (35.6997, 51.3380)), ('Tajrish', (35.8048, 51.4331)), ('Karaj', (35.8327, 50.9916))]:
    show(f"near me {name}", [ix['tiles']] + near(p))
# office page: Tehran office from link
shard = lambda key, n: (lambda h: h % n)(fnv(key))
def fnv(s):
    h = 0x811c9dc5
    for b in s.encode(): h = ((h ^ b) * 0x01000193) & 0xffffffff
    return h
worst = (0, None)
for oid in ['IR-23-00001', 'IR-23-00500', 'IR-30-00010', 'IR-07-00003']:
    sp = ix['ids']['path'].replace('{}', str(shard(oid, ix['ids']['shards'])))
    ref = json.loads(raw(sp))['ids'][oid]
    show(f"office page {oid}", [sp, tile_path(ref['tile'])])
ids = [len(gzip.compress(raw(ix['ids']['path'].replace('{}', str(i))), 9)) for i in range(ix['ids']['shards'])]
print(f"id shards: {len(ids)}, gzip max {max(ids)}")
# code search
code = json.loads(raw('provinces/IR-30/offices.json'))['offices'][0]['code']
show(f"code search {code}", [ix['codes']['path'].replace('{}', str(shard(code, ix['codes']['shards'])))])
# licence page / the office page's licence panel: one licence shard
if 'licences' in ix:
    for pid in ['IR-23', 'IR-30', 'IR-07']:
        num = json.loads(raw(f'provinces/{pid}/licences.json'))['licences'][0]['number']
        show(f"licence {num}", [ix['licences']['path'].replace('{}', str(shard(num, ix['licences']['shards'])))])
    ls = [len(gzip.compress(raw(ix['licences']['path'].replace('{}', str(i))), 9)) for i in range(ix['licences']['shards'])]
    print(f"licence shards: {len(ls)}, gzip median {sorted(ls)[len(ls)//2]}, max {max(ls)}")
# text search
terms = json.loads(raw(ix['terms']))
def chunk_of(t):
    for i, (a, b) in enumerate(terms['chunks']):
        if a <= t <= b: return i
for q in ['کرج', 'تهران', 'مشهد', 'گذرنامه']:
    i = chunk_of(q); cp = ix['term_chunk'].replace('{}', str(i))
    e = [x for x in json.loads(raw(cp))['terms'] if x['t'] == q][0]
    ords = []; end = 0; o = e.get('o', [])
    for g, l in zip(o[::2], o[1::2]):
        s = end + g; ords += list(range(s, s + l)); end = s + l
    pages = sorted({x // ix['cards']['page_size'] for x in ords[:20]})
    show(f"search {q} (n={e['n']}, {len(e.get('p', []))} places, {len(e.get('s', []))} services)", [ix['terms'], cp] + [ix['cards']['path'].replace('{}', str(p)) for p in pages])
allf = []
for d, _, fs in os.walk(os.path.join(api, 'index')):
    allf += [os.path.join(d, f) for f in fs]
print(f"index: {len(allf)} files, {sum(os.path.getsize(f) for f in allf)} B")
big = sorted(allf, key=os.path.getsize)[-3:]
print("largest:", [(os.path.relpath(f, api), os.path.getsize(f), len(gzip.compress(open(f,'rb').read(), 9))) for f in big])
for p in [ix['terms'], ix['tiles'], ix['places'], ix['summary']]:
    show(p, [p])
