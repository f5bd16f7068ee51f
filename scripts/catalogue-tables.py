#!/usr/bin/env python3
"""Prints the catalogue coverage tables for docs/evidence.md: per service area and per source family."""
import json,glob,collections,urllib.parse
ps=[]
import os
folder=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "catalogue", "practices")
for f in sorted(glob.glob(os.path.join(folder, "*.json"))): ps+=json.load(open(f))
def family(p):
    h=urllib.parse.urlparse(p["source_url"]).netloc.lower().replace("www.",""); s=p["source"].lower()
    rules=[("EEF toolkits and trials",["educationendowmentfoundation"]),("Foundations (EIF) Guidebook",["eif.org.uk","foundations.org.uk"]),
    ("College of Policing Crime Reduction Toolkit",["college.police.uk"]),("Youth Endowment Fund toolkit",["youthendowmentfund"]),
    ("What Works Wellbeing",["whatworkswellbeing"]),("What Works Growth",["whatworksgrowth"]),("Centre for Homelessness Impact",["homelessnessimpact"]),
    ("NICE guidance",["nice.org.uk"]),("Behavioural Insights Team",["bi.team","behaviouralinsights"]),("LGA case studies and LGA First",["local.gov.uk","lgafirst"]),
    ("WRAP",["wrap.org.uk","wrap.ngo"]),("APSE",["apse.org.uk"]),("SCIE",["scie.org.uk"]),("Research in Practice",["researchinpractice"]),
    ("What Works for Children's Social Care",["whatworks-csc","foundations.org.uk"]),("OECD OPSI",["oecd-opsi"])]
    for name,keys in rules:
        if any(k in h for k in keys): return name
    if "behavioural insights" in s: return "Behavioural Insights Team"
    if h in ("gov.uk","gov.scot","gov.wales","legislation.gov.uk","nao.org.uk","electoralcommission.org.uk","parliament.uk","commonslibrary.parliament.uk","ofsted.gov.uk","cqc.org.uk") or h.endswith(".nhs.uk") or h.endswith("parliament.uk"): return "Government, NHS, regulators and Parliament"
    if h.endswith(".gov.uk") or h.endswith("gov.uk") or "council" in h or h.endswith(".gov.wales") or h.endswith(".gov.scot"): return "Councils' own pages and reports"
    if any(k in h for k in ["ac.uk","nih.gov","bmj","biomedcentral","pubmed","springer","wiley","tandfonline","sciencedirect","nihr","cochrane","oup.com","sagepub","plos","lancet","frontiersin","mdpi","ifs.org.uk","natcen","kingsfund","nuffieldtrust","health.org.uk","instituteforgovernment","jrf.org.uk"]): return "Research: journals, universities, think tanks"
    return "Sector bodies, charities and trade press"
areas=collections.Counter(); strong=collections.Counter(); unrated=collections.Counter(); fam=collections.Counter(); famstrong=collections.Counter()
for p in ps:
    a=p["service_areas"][0]; lv=p["evidence"]["level"]; areas[a]+=1; f=family(p); fam[f]+=1
    if lv is not None and lv>=3: strong[a]+=1; famstrong[f]+=1
    if lv is None: unrated[a]+=1
print("| service area | practices | level 3 or above | unrated |"); print("|---|---|---|---|")
for a in sorted(areas): print(f"| `{a}` | {areas[a]} | {strong[a]} | {unrated[a]} |")
print(f"| **all** | **{len(ps)}** | **{sum(strong.values())}** | **{sum(unrated.values())}** |")
print(); print("| source (of `source_url`) | practices | level 3 or above |"); print("|---|---|---|")
for f,n in fam.most_common(): print(f"| {f} | {n} | {famstrong[f]} |")
