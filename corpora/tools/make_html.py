# ruff: noqa: E501  (the page templates keep their long lines: wrapping them would change the pages)
"""Write the HTML pages of the sample corpus from the articles in ``articles/``.

* ``corpora/sample/html/<publisher>/<slug>.html``: three fictional publishers, four
  pages each, each publisher with its own template (header, nav, cookie banner, ticker,
  newsletter box, footer) repeated identically on its pages. The Midland Courier pages
  are written in windows-1252; the Northfield Daily Post writes its punctuation as HTML
  entities; the Harbor Ledger is plain UTF-8.
* ``corpora/tools/warc_pages/<slug>.html``: the two Eastbrook Tribune pages that
  ``make_warc.py`` packs into the sample WARC file.

    .venv/bin/python corpora/tools/make_html.py
"""

from __future__ import annotations

import html
import json
from html.entities import codepoint2name

from common import SAMPLE, TOOLS, Article, clock, load_articles, long_date, write_bytes_if_changed


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def entities(text: str) -> str:
    """Escape, then write every non-ASCII character as a named (or numeric) entity."""
    out = []
    for ch in html.escape(text, quote=True):
        if ord(ch) < 128:
            out.append(ch)
        elif ord(ch) in codepoint2name:
            out.append(f"&{codepoint2name[ord(ch)]};")
        else:
            out.append(f"&#{ord(ch)};")
    return "".join(out)


def json_ld(a: Article, url: str, publisher: str, logo: str, image: str, ascii_only: bool) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.headline,
        "datePublished": a.published.isoformat(),
        "dateModified": a.published.isoformat(),
        "articleSection": a.section,
        "author": [{"@type": "Person", "name": a.author}],
        "publisher": {
            "@type": "Organization",
            "name": publisher,
            "logo": {"@type": "ImageObject", "url": logo},
        },
        "image": [image],
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }
    return json.dumps(data, ensure_ascii=ascii_only, indent=2).replace("</", "<\\/")


def slugify_name(name: str) -> str:
    return "-".join("".join(c for c in part if c.isalnum()).lower() for part in name.split())


# ----------------------------------------------------------------------- The Harbor Ledger

HL_SITE = "The Harbor Ledger"
HL_HOST = "https://www.harborledger.example"


def hl_url(a: Article) -> str:
    p = a.published
    return f"{HL_HOST}/{p.year}/{p.month:02d}/{p.day:02d}/{a.slug}/"


def harbor_ledger(a: Article, others: list[Article]) -> bytes:
    url = hl_url(a)
    image = f"https://cdn.harborledger.example/images/{a.published.year}/{a.slug}.jpg"
    body = []
    for i, (kind, text) in enumerate(a.body):
        body.append(f"        <{kind}>{esc(text)}</{kind}>")
        if i == 2:
            body.append(
                '        <div class="ad ad-inline" aria-hidden="true">'
                '<span class="ad-label">Advertisement</span><div id="gpt-inline-1"></div></div>'
            )
    read_more = "\n".join(
        f'          <li><a href="{hl_url(o)}">{esc(o.headline)}</a></li>' for o in others
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(a.headline)} | {HL_SITE}</title>
  <meta name="description" content="{esc(a.caption)}">
  <meta name="author" content="{esc(a.author)}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{esc(a.headline)}">
  <meta property="og:site_name" content="{HL_SITE}">
  <meta property="og:url" content="{url}">
  <meta property="og:image" content="{image}">
  <meta property="article:published_time" content="{a.published.isoformat()}">
  <meta property="article:section" content="{esc(a.section)}">
  <link rel="canonical" href="{url}">
  <link rel="stylesheet" href="/static/css/ledger.3f9a1c.css">
  <style>
    body {{ font-family: Georgia, serif; margin: 0; color: #1b1b1b; }}
    .site-header {{ border-bottom: 3px double #0b3d5c; padding: 12px 24px; }}
    .ticker {{ background: #0b3d5c; color: #fff; font: 14px/1.4 sans-serif; }}
    .cookie-banner {{ position: fixed; bottom: 0; background: #f4f1ea; padding: 16px; }}
    .ad-label {{ font: 11px sans-serif; text-transform: uppercase; color: #777; }}
  </style>
  <script type="application/ld+json">
{json_ld(a, url, HL_SITE, HL_HOST + "/static/img/ledger-logo.png", image, ascii_only=False)}
  </script>
  <script>
    window.dataLayer = window.dataLayer || [];
    window.dataLayer.push({{"pageType": "article", "section": "{esc(a.section)}"}});
  </script>
</head>
<body class="article-page section-{a.section.lower()}">
  <div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">
    <p>We use cookies to remember your preferences, measure readership and show you relevant advertising. You can change your choices at any time in our <a href="/privacy/">privacy center</a>.</p>
    <button type="button" class="accept">Accept all</button>
    <button type="button" class="manage">Manage preferences</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">{HL_SITE}</a>
    <p class="tagline">Bellhaven’s newspaper since 1868</p>
    <nav class="primary-nav" aria-label="Sections">
      <ul>
        <li><a href="/news/">News</a></li>
        <li><a href="/waterfront/">Waterfront</a></li>
        <li><a href="/islands/">Islands</a></li>
        <li><a href="/community/">Community</a></li>
        <li><a href="/environment/">Environment</a></li>
        <li><a href="/opinion/">Opinion</a></li>
        <li><a href="/obituaries/">Obituaries</a></li>
        <li><a href="/tides/">Tide Tables</a></li>
      </ul>
    </nav>
    <a class="subscribe" href="/subscribe/">Subscribe</a>
    <a class="login" href="/account/login/">Sign in</a>
  </header>
  <div class="ticker" role="region" aria-label="Breaking news">
    <span class="ticker-label">Breaking</span>
    <ul>
      <li><a href="/news/route-1a-bridge-closed/">Route 1A bridge closed to trucks after inspection finds cracked beam</a></li>
      <li><a href="/news/harbor-fest-dates/">Harbor Fest dates announced for the last weekend of July</a></li>
      <li><a href="/news/small-craft-advisory/">Small-craft advisory in effect through Thursday evening</a></li>
    </ul>
  </div>
  <main id="main">
    <article class="story">
      <p class="kicker"><a href="/{a.section.lower()}/">{esc(a.section)}</a></p>
      <h1 class="headline">{esc(a.headline)}</h1>
      <div class="byline">
        <p>By <a rel="author" href="/staff/{slugify_name(a.author)}/">{esc(a.author)}</a>, Staff Writer</p>
        <p><time datetime="{a.published.isoformat()}">{long_date(a.published)} at {clock(a.published)}</time></p>
      </div>
      <ul class="share-tools">
        <li><a href="#" data-share="facebook">Share on Facebook</a></li>
        <li><a href="#" data-share="x">Share on X</a></li>
        <li><a href="#" data-share="email">Email</a></li>
        <li><button type="button" data-share="copy">Copy link</button></li>
      </ul>
      <figure class="lead-image">
        <img src="{image}" alt="{esc(a.caption)}" width="1200" height="800">
        <figcaption>{esc(a.caption)} <span class="credit">({esc(a.photo)}/{HL_SITE})</span></figcaption>
      </figure>
      <div class="story-body">
{chr(10).join(body)}
      </div>
      <aside class="read-more">
        <h2>Read more</h2>
        <ul>
{read_more}
        </ul>
      </aside>
    </article>
    <aside class="newsletter-box">
      <h2>Get the Ledger Morning Tide</h2>
      <p>The day’s news from Bellhaven and the islands, plus the tide chart, in your inbox at 6 a.m.</p>
      <form action="/newsletters/subscribe/" method="post">
        <label for="nl-email">Email address</label>
        <input id="nl-email" type="email" name="email" placeholder="you@example.com">
        <button type="submit">Sign up</button>
      </form>
    </aside>
  </main>
  <footer class="site-footer">
    <ul class="footer-links">
      <li><a href="/about/">About us</a></li>
      <li><a href="/contact/">Contact the newsroom</a></li>
      <li><a href="/advertise/">Advertise</a></li>
      <li><a href="/privacy/">Privacy policy</a></li>
      <li><a href="/terms/">Terms of use</a></li>
    </ul>
    <p>{HL_SITE}, 12 Water Street, Bellhaven</p>
    <p>© 2025 Harbor Ledger Publishing Co. All rights reserved.</p>
  </footer>
  <script src="/static/js/ledger.bundle.8c2e.js" defer></script>
  <script>
    document.querySelector(".cookie-banner .accept").addEventListener("click", function () {{
      document.cookie = "consent=all; max-age=31536000; path=/";
      document.getElementById("cookie-consent").remove();
    }});
  </script>
</body>
</html>
"""
    return page.encode("utf-8")


# ----------------------------------------------------------------------- Midland Courier

MC_SITE = "Midland Courier"
MC_HOST = "https://www.midlandcourier.example"


def mc_url(a: Article) -> str:
    p = a.published
    return f"{MC_HOST}/news/{a.section.lower()}/{a.slug}-{p.year}{p.month:02d}{p.day:02d}.html"


def midland_courier(a: Article, others: list[Article]) -> bytes:
    url = mc_url(a)
    image = f"{MC_HOST}/photos/{a.published.year}/{a.slug}.jpg"
    body = []
    for i, (kind, text) in enumerate(a.body):
        tag = "h2" if kind == "h2" else "p"
        body.append(f"<{tag}>{esc(text)}</{tag}>")
        if i == 3:
            body.append(
                '<div class="adblock"><p class="adnote">Story continues below advertisement</p>'
                '<div id="ad-300x250"></div></div>'
            )
    read_more = "\n".join(f'<li><a href="{mc_url(o)}">{esc(o.headline)}</a></li>' for o in others)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="windows-1252">
<title>{esc(a.headline)} | {MC_SITE}</title>
<meta name="keywords" content="Tolliver County, Ashford, {esc(a.section)}">
<meta property="og:title" content="{esc(a.headline)}">
<meta property="og:site_name" content="{MC_SITE}">
<meta property="og:url" content="{url}">
<meta property="og:image" content="{image}">
<meta property="og:description" content="{esc(a.caption)}">
<meta property="article:published_time" content="{a.published.isoformat()}">
<meta property="article:author" content="{esc(a.author)}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" type="text/css" href="/css/courier.css?v=2019">
<style type="text/css">
#wrapper {{ width: 960px; margin: 0 auto; }}
#masthead h1 {{ font-family: "Times New Roman", serif; font-size: 48px; }}
#topnav li {{ display: inline; padding: 0 6px; border-right: 1px solid #999; }}
.breaking {{ background: #b30000; color: #fff; padding: 4px 8px; }}
.adnote {{ font-size: 10px; color: #888; text-align: center; }}
</style>
<script type="application/ld+json">
{json_ld(a, url, MC_SITE, MC_HOST + "/images/courier-logo.gif", image, ascii_only=False)}
</script>
<script type="text/javascript">
var _cq = _cq || [];
_cq.push(["trackPage", "{a.slug}"]);
</script>
</head>
<body>
<div id="wrapper">
<div id="cookie-notice">This site uses cookies. By continuing to browse the site you are agreeing to our use of cookies. <a href="/cookies.html">Find out more</a> | <a href="#" id="cookie-ok">OK</a></div>
<div id="topbar"><a href="/subscribe.html">Subscribe</a> | <a href="/e-edition/">e-Edition</a> | <a href="/login.html">Log In</a> | <a href="/contact.html">Contact Us</a></div>
<div id="masthead">
<a href="/"><img src="/images/courier-logo.gif" alt="{MC_SITE}" width="600" height="90"></a>
<p class="motto">Serving Tolliver County since 1889 · Weekly on Thursdays, online every day</p>
</div>
<ul id="topnav">
<li><a href="/">Home</a></li>
<li><a href="/news/">News</a></li>
<li><a href="/news/agriculture/">Agriculture</a></li>
<li><a href="/news/politics/">Politics</a></li>
<li><a href="/news/sports/">Sports</a></li>
<li><a href="/news/community/">Community</a></li>
<li><a href="/obituaries/">Obituaries</a></li>
<li><a href="/classifieds/">Classifieds</a></li>
<li><a href="/legals/">Public Notices</a></li>
</ul>
<div class="breaking"><strong>LATEST:</strong> <a href="/news/highway-2-detour.html">Highway 2 detour near Plover extended through Friday</a> &bull; <a href="/news/burn-ban.html">County burn ban lifted after weekend rain</a> &bull; <a href="/news/cattle-report.html">Weekly cattle auction report: feeder steers up $4</a></div>
<div id="content">
<article id="story">
<p class="section-label">{esc(a.section.upper())}</p>
<h1 class="headline">{esc(a.headline)}</h1>
<div class="byline">By {esc(a.author.upper())}<br>Courier Staff Writer</div>
<div class="dateline">Posted <time datetime="{a.published.isoformat()}">{a.published.strftime("%m/%d/%Y")} {clock(a.published)}</time></div>
<div class="photo">
<figure>
<img src="{image}" alt="" width="620" height="413">
<figcaption>{esc(a.caption)} <em>Courier photo by {esc(a.photo)}</em></figcaption>
</figure>
</div>
<div class="storytext">
{chr(10).join(body)}
</div>
<div class="tools"><a href="javascript:window.print()">Print this story</a> | <a href="mailto:?subject={esc(a.headline)}">Email this story</a></div>
<div class="related">
<h3>Read more from the Courier</h3>
<ul>
{read_more}
</ul>
</div>
<div class="comments"><h3>Comments (0)</h3><p>You must be <a href="/login.html">logged in</a> to post a comment. Comments are moderated and may take up to 24 hours to appear.</p></div>
</article>
<div id="sidebar">
<div class="newsletter">
<h3>Get the Courier Weekly Digest</h3>
<p>Every Thursday morning: the week’s top stories, obituaries and the high school sports roundup.</p>
<form action="/newsletter.php" method="post"><input type="text" name="email" value="Your e-mail address"> <input type="submit" value="Sign Me Up"></form>
</div>
<div class="weather"><h3>Ashford Weather</h3><p>Check the latest forecast and road conditions for Tolliver County.</p></div>
</div>
</div>
<div id="footer">
<p><a href="/about.html">About the Courier</a> | <a href="/advertise.html">Advertise</a> | <a href="/privacy.html">Privacy Policy</a> | <a href="/terms.html">Terms of Service</a> | <a href="/contact.html">Contact Us</a></p>
<p>Midland Courier · 214 Main Street · Ashford · (308) 555-0117</p>
<p>Copyright © 2025 Midland Courier Publishing Co. All rights reserved.</p>
</div>
</div>
<script type="text/javascript" src="/js/jquery-1.12.4.min.js"></script>
<script type="text/javascript">
$(function () {{ $("#cookie-ok").click(function () {{ $("#cookie-notice").hide(); return false; }}); }});
</script>
</body>
</html>
"""
    return page.encode("cp1252")  # strict: every character must exist in windows-1252


# ----------------------------------------------------------------------- Northfield Daily Post

NF_SITE = "Northfield Daily Post"
NF_HOST = "https://www.northfielddailypost.example"


def nf_url(a: Article) -> str:
    p = a.published
    return f"{NF_HOST}/{a.section.lower()}/{p.year}/{p.month:02d}/{p.day:02d}/{a.slug}"


def northfield_daily_post(a: Article, others: list[Article]) -> bytes:
    e = entities
    url = nf_url(a)
    image = f"https://img.northfielddailypost.example/{a.published.year}/{a.slug}/lead.jpg"
    body = []
    for i, (kind, text) in enumerate(a.body):
        if kind == "h2":
            body.append(f'          <h2 class="css-9k2l1a">{e(text)}</h2>')
        else:
            body.append(f'          <p class="css-1x7b0q" data-testid="paragraph">{e(text)}</p>')
        if i == 5 and others:
            o = others[0]
            body.append(
                f'          <p class="inline-related"><strong>RELATED:</strong> '
                f'<a href="{nf_url(o)}">{e(o.headline)}</a></p>'
            )
    read_more = "\n".join(
        f'          <li><a href="{nf_url(o)}"><span class="rm-section">{e(o.section)}</span> '
        f"{e(o.headline)}</a></li>"
        for o in others
    )
    state = json.dumps(
        {
            "article": {
                "id": a.slug,
                "headline": a.headline,
                "section": a.section,
                "words": a.body_words(),
            }
        },
        ensure_ascii=True,
    )
    page = f"""<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{e(a.headline)} | {NF_SITE}</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{e(a.headline)}">
<meta property="og:site_name" content="{NF_SITE}">
<meta property="og:url" content="{url}">
<meta property="og:image" content="{image}">
<meta property="article:published_time" content="{a.published.isoformat()}">
<meta property="article:section" content="{e(a.section)}">
<meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="{url}">
<link rel="preload" as="font" href="/_fonts/post-serif.woff2" crossorigin>
<style data-emotion="css">.css-1x7b0q{{font-size:1.125rem;line-height:1.6;margin:0 0 1.25rem}}.css-9k2l1a{{font:700 1.375rem/1.3 "Post Sans",sans-serif}}.paywall-meter{{background:#fff8e1;border-top:2px solid #e0a800}}</style>
<script type="application/ld+json">{json_ld(a, url, NF_SITE, NF_HOST + "/_static/logo-600x60.png", image, ascii_only=True)}</script>
<script>window.__PRELOADED_STATE__={state};</script>
<script async src="https://analytics.northfielddailypost.example/t.js"></script>
</head>
<body>
<noscript><p>Please enable JavaScript to read the {NF_SITE} at its best.</p></noscript>
<div id="__app">
  <div class="consent-banner" role="region" aria-label="Privacy choices">
    <p>We and our partners use cookies and similar technologies to personalize content and ads and to analyze our traffic. Select &ldquo;Accept&rdquo; to agree or &ldquo;Settings&rdquo; to choose.</p>
    <button>Accept</button><button>Settings</button>
  </div>
  <header role="banner" class="masthead">
    <a href="/" class="masthead-logo" aria-label="{NF_SITE} home">{NF_SITE}</a>
    <nav aria-label="Main">
      <a href="/local">Local</a>
      <a href="/courts">Courts</a>
      <a href="/weather">Weather</a>
      <a href="/health">Health</a>
      <a href="/science">Science</a>
      <a href="/sports">Sports</a>
      <a href="/opinion">Opinion</a>
      <a href="/puzzles">Puzzles</a>
    </nav>
    <a href="/subscribe?ref=header" class="btn-subscribe">Subscribe for $1</a>
  </header>
  <div class="live-ticker" aria-live="polite">
    <span class="live-dot">LIVE</span>
    <a href="/local/city-council-live">City Council budget hearing &mdash; live updates</a>
    <a href="/sports/huskies-scoreboard">Huskies lead 2&ndash;1 in the third period</a>
  </div>
  <main>
    <article data-article-id="{a.slug}">
      <header class="article-header">
        <a class="section-link" href="/{a.section.lower()}">{e(a.section)}</a>
        <h1 class="css-headline">{e(a.headline)}</h1>
        <div class="byline-block">
          <span class="byline">By <a href="/authors/{slugify_name(a.author)}">{e(a.author)}</a></span>
          <time datetime="{a.published.isoformat()}">Published {long_date(a.published)}, {clock(a.published)}</time>
        </div>
        <div class="share-bar"><button aria-label="Share">Share</button><button aria-label="Save">Save</button><button aria-label="Gift this article">Gift</button></div>
      </header>
      <figure class="lead-figure">
        <img src="{image}" alt="" loading="eager">
        <figcaption><span class="caption-text">{e(a.caption)}</span> <span class="caption-credit">{e(a.photo)} / {NF_SITE}</span></figcaption>
      </figure>
      <section class="article-body" name="articleBody">
{chr(10).join(body)}
      </section>
      <aside class="read-more" aria-labelledby="rm-title">
        <h2 id="rm-title">Read more</h2>
        <ul>
{read_more}
        </ul>
      </aside>
    </article>
    <div class="paywall-meter">You have 3 free articles remaining this month. <a href="/subscribe?ref=meter">Subscribe</a> for unlimited access.</div>
    <section class="newsletter-signup">
      <h2>The Morning Post</h2>
      <p>Start every weekday with the stories Northfield is talking about. Free, in your inbox by 6:30 a.m.</p>
      <form><input type="email" aria-label="Email" placeholder="Email address"><button type="submit">Sign up</button></form>
    </section>
  </main>
  <footer class="site-footer">
    <nav aria-label="Footer">
      <a href="/about">About the Post</a>
      <a href="/careers">Careers</a>
      <a href="/help">Help &amp; contact</a>
      <a href="/ethics">Ethics policy</a>
      <a href="/privacy">Privacy</a>
      <a href="/terms">Terms of service</a>
      <a href="/privacy#choices">Your privacy choices</a>
    </nav>
    <p>&copy; 2025 Northfield Daily Post Media LLC</p>
  </footer>
</div>
<script>(function(){{var b=document.querySelector(".consent-banner button");if(b){{b.onclick=function(){{b.parentNode.remove();}};}}}})();</script>
</body>
</html>
"""
    return page.encode("ascii")  # every non-ASCII character is an entity or a JSON escape


# ----------------------------------------------------------------------- Eastbrook Tribune (WARC)

ET_SITE = "Eastbrook Tribune"
ET_HOST = "https://www.eastbrooktribune.example"


def et_url(a: Article) -> str:
    p = a.published
    return f"{ET_HOST}/news/{p.year}/{p.month:02d}/{a.slug}.html"


def eastbrook_tribune(a: Article, others: list[Article]) -> bytes:
    url = et_url(a)
    image = f"{ET_HOST}/media/{a.slug}.jpg"
    body = "\n".join(f"      <{kind}>{esc(text)}</{kind}>" for kind, text in a.body)
    read_more = "\n".join(
        f'        <li><a href="{et_url(o)}">{esc(o.headline)}</a></li>' for o in others
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(a.headline)} | {ET_SITE}</title>
  <meta property="og:title" content="{esc(a.headline)}">
  <meta property="og:site_name" content="{ET_SITE}">
  <meta property="og:url" content="{url}">
  <meta property="article:published_time" content="{a.published.isoformat()}">
  <link rel="canonical" href="{url}">
  <style>header, footer {{ background: #222; color: #eee; }} .promo {{ border: 1px solid #ccc; }}</style>
  <script type="application/ld+json">
{json_ld(a, url, ET_SITE, ET_HOST + "/logo.png", image, ascii_only=False)}
  </script>
  <script>var tribuneAds = {{"slot": "article", "id": "{a.slug}"}};</script>
</head>
<body>
  <p class="cookie-note">The Eastbrook Tribune uses cookies for sign-in and analytics. <a href="/cookies">Learn more</a> <button>Got it</button></p>
  <header>
    <a href="/" class="brand">{ET_SITE}</a>
    <nav><a href="/news/">News</a> <a href="/transportation/">Transportation</a> <a href="/arts/">Arts</a> <a href="/business/">Business</a> <a href="/opinion/">Opinion</a> <a href="/events/">Events</a></nav>
  </header>
  <div class="ticker"><b>Now:</b> <a href="/news/water-main-break-elm-street.html">Water main break closes Elm Street between 4th and 6th</a></div>
  <main>
    <article>
      <h1>{esc(a.headline)}</h1>
      <p class="byline">By {esc(a.author)} · <time datetime="{a.published.isoformat()}">{long_date(a.published)}</time></p>
      <figure><img src="{image}" alt=""><figcaption>{esc(a.caption)} ({esc(a.photo)}/{ET_SITE})</figcaption></figure>
{body}
      <aside class="promo">
        <h2>Read more</h2>
        <ul>
{read_more}
        </ul>
      </aside>
    </article>
    <section class="newsletter"><h2>Tribune Today</h2><p>Our free evening newsletter. <a href="/newsletters">Sign up</a></p></section>
  </main>
  <footer>
    <p><a href="/about">About</a> · <a href="/contact">Contact</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p>
    <p>© 2025 Eastbrook Tribune Company</p>
  </footer>
  <script src="/assets/tribune.min.js"></script>
</body>
</html>
"""
    return page.encode("utf-8")


TEMPLATES = {
    "harbor_ledger": harbor_ledger,
    "midland_courier": midland_courier,
    "northfield_daily_post": northfield_daily_post,
    "eastbrook_tribune": eastbrook_tribune,
}


def main() -> None:
    articles = load_articles()
    for site, template in TEMPLATES.items():
        pages = [a for a in articles if a.site == site and a.kind in ("html", "warc")]
        for a in pages:
            others = [o for o in pages if o is not a]
            data = template(a, others)
            if a.kind == "html":
                path = SAMPLE / "html" / site / f"{a.slug}.html"
            else:
                path = TOOLS / "warc_pages" / f"{a.slug}.html"
            write_bytes_if_changed(path, data)
            print(path.relative_to(SAMPLE.parent), len(data))


if __name__ == "__main__":
    main()
