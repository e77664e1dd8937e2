#!/usr/bin/env python3
"""Writes the extraction-quality pages (pages/NN-name.html) and their reference texts (reference/NN-name.txt).

Every article, outlet, place and person here is invented; the texts were written for this evaluation. Each
page wraps its article in the furniture of a different kind of real news site (a WordPress theme, a big
news site's div soup, an old table layout with <br> paragraphs, an AMP page, teaser cards marked up as
<article>, a comment thread longer than the story, ...). The reference text is the article body as a reader
sees it: paragraphs, subheadings, in-body lists and quotations; not the headline, byline, date, captions,
or anything around the story. Run it again after editing; Scripts/extraction_eval.py scores the pages.
"""
import html
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def esc(s):
    return html.escape(s, quote=False)


def paras(blocks, p="p"):
    """Article blocks as HTML: strings are paragraphs, ("h2", s), ("ul", [..]), ("quote", s)."""
    out = []
    for b in blocks:
        if isinstance(b, str):
            out.append(f"<{p}>{esc(b)}</{p}>")
        elif b[0] == "h2":
            out.append(f"<h2>{esc(b[1])}</h2>")
        elif b[0] == "ul":
            out.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in b[1]) + "</ul>")
        elif b[0] == "quote":
            out.append(f"<blockquote><p>{esc(b[1])}</p></blockquote>")
    return "\n".join(out)


def reference(blocks):
    out = []
    for b in blocks:
        if isinstance(b, str):
            out.append(b)
        elif b[0] in ("h2", "quote"):
            out.append(b[1])
        elif b[0] == "ul":
            out.extend(b[1])
    return "\n\n".join(out) + "\n"


COOKIE = ('<div id="cookie-consent" class="cookie-banner"><p>This website uses cookies to give you the best experience, '
          'to analyse traffic and to show you relevant advertising. By continuing to browse you agree to our use of cookies.</p>'
          '<a href="/cookies">Read our cookie policy</a> <button>Accept</button> <button>Reject</button></div>')

ARTICLES = {}

ARTICLES["01-wordpress-bakery"] = dict(
    title="Harrowgate bakery wins national sourdough prize", outlet="Harrowgate Herald", date="2026-02-14T09:30:00Z",
    author="Pip Lennard", blocks=[
        "A two-room bakery on Harrowgate\u2019s Chandler Street has won the national sourdough prize, beating more than three hundred entries from bakeries twice its size.",
        "Owners Lotte and Samir Vance opened the shop in 2021 with a second-hand deck oven and a starter Lotte had kept alive since her student days. They bake through the night and sell out most mornings by eleven.",
        "The judges praised the loaf\u2019s \u201cdeep, almost smoky crust and an open, glossy crumb\u201d and said it was the most consistent entry across the three rounds of tasting.",
        ("h2", "A queue down the street"),
        "On Saturday the queue reached the corner of Mill Lane before the shutters went up. Samir said they had doubled the morning bake and would add a third baker in March.",
        "\u201cWe are not going to open a second shop,\u201d he said. \u201cWe would rather make the same bread well than more bread badly.\u201d",
        "The prize comes with a week of training at a mill in the north and a trophy, which now sits on a shelf between the flour sacks.",
    ])

ARTICLES["02-divsoup-rail"] = dict(
    title="Rail operator to restore Sunday trains on the Corran line", outlet="The Northern Ledger", date="2026-01-22T06:00:00Z",
    author="Davina Holt", blocks=[
        "Sunday services on the Corran branch line will return in May after a three-year gap, the regional rail operator has confirmed.",
        "Trains will run every two hours between Corran and Fellside Junction from 8am to 8pm, with connections to the main line. The operator said a shortage of drivers, not a lack of passengers, had forced the cut in 2023.",
        "Thirty-two drivers have qualified since September, and eight more are in training. The operator\u2019s planning director, Marcus Orde, said the line would also get two extra weekday trains in the evening peak.",
        "Campaigners from the Corran Line Users\u2019 Group, who gathered 4,800 signatures last year, welcomed the news but said the first train, at 8am, was too late for hospital staff starting early shifts in Fellside.",
        "\u201cIt is a good start,\u201d said the group\u2019s secretary, Ruth Penhale. \u201cBut a Sunday service that cannot get a nurse to work is only half a service.\u201d",
        "The operator said it would review the timetable after six months.",
    ])

ARTICLES["03-tables-ferry"] = dict(
    title="Island ferry gets new timetable after fog delays", outlet="Skerrin Weekly", date="2026-03-03",
    author="Colm Ashe", blocks=[
        "The Skerrin ferry will leave half an hour earlier on weekday mornings from next month, after a winter in which fog delayed one crossing in five.",
        "The island council said the new 6.30am sailing would give commuters a better chance of making the first train from the mainland, even when the boat has to slow down in the sound.",
        "Skipper Aileen Moray, who has worked the route for nineteen years, said the fog had been the worst she could remember. The ferry now carries a second radar, fitted in January at a cost of 40,000 crowns.",
        "The afternoon sailings are unchanged. The council will publish the full timetable on the harbour noticeboard and at the post office.",
    ])

ARTICLES["04-amp-wind"] = dict(
    title="Offshore wind farm approved despite fishermen's objections", outlet="Coastline Today", date="2026-02-02T13:45:00Z",
    author="Greer Talbot", blocks=[
        "Planners have approved a 48-turbine wind farm eleven kilometres off the Rennick coast, rejecting objections from the local fishing fleet.",
        "The developer says the farm will supply power for about 260,000 homes when it is finished in 2030. A cable will come ashore at Selby Cove and run underground to a substation outside Rennick.",
        "The Rennick Fishermen\u2019s Association argued that the turbines would close some of the best crab grounds on the coast. Its chair, Ewan Carrick, said boats would have to travel further and burn more fuel.",
        "The planning committee added conditions: the developer must fund a ten-year study of crab stocks and pay into a harbour fund for at least fifteen years.",
        "\u201cWe listened to the fleet, and the conditions are the result,\u201d said committee chair Helena Ruiz. Mr Carrick said the association would decide next week whether to appeal.",
    ])

ARTICLES["05-splitbody-school"] = dict(
    title="Brackley primary school to get a new roof after leaks close classrooms", outlet="Brackley Observer", date="2026-01-09T17:20:00Z",
    author="Sunny Obi", blocks=[
        "Brackley\u2019s oldest primary school will get a new roof this summer, after leaks closed two classrooms for most of the autumn term.",
        "The county council agreed on Tuesday to spend 620,000 crowns on the work, which will begin the day term ends in July and must finish before pupils return in September.",
        "Head teacher Moira Quint said the 210 pupils had been taught in the hall and the library since October. \u201cThe children have been wonderful about it, but you cannot teach phonics in a corridor forever,\u201d she said.",
        "Buckets have been a fixture in the upper corridor since a storm in 2024 lifted slates from the north side of the building, which dates from 1898.",
        ("h2", "Solar panels considered"),
        "The council will also look at fitting solar panels on the south-facing side of the new roof. A survey is due in March.",
        "Parents\u2019 association chair Devon Marsh said families had raised 3,000 crowns for books and equipment damaged by water, and would now spend it on the library instead.",
    ])

ARTICLES["06-comments-heavy"] = dict(
    title="Council votes to keep Ferris Park bandstand", outlet="Ostbury Evening Star", date="2026-03-05T19:10:00Z",
    author="Leo Mardle", blocks=[
        "Ostbury councillors have voted to repair the Victorian bandstand in Ferris Park instead of pulling it down, overturning a recommendation from their own officers.",
        "Officers had said the repairs, estimated at 95,000 crowns, could not be justified while the parks budget was shrinking. But councillors from all three groups said the bandstand was a landmark and should stay.",
        "The vote was 31 to 6. The money will come from a fund set aside for public buildings, and the brass band that plays in the park every summer Sunday has offered to hold a fundraising concert.",
        "Work is expected to start in the autumn, after the summer concert season.",
    ])

ARTICLES["07-teaser-cards-museum"] = dict(
    title="Museum puts long-lost tide clock back on display", outlet="Portmaddox Gazette", date="2026-02-20T10:00:00Z",
    author="Ines Calder", blocks=[
        "A tide clock that hung in Portmaddox harbour office for more than a century is back on public display, forty years after it vanished during a refurbishment.",
        "The clock, made by a local watchmaker in 1871, told sailors the state of the tide rather than the time. It turned up last year in the loft of a house on Quarry Row, wrapped in a sail.",
        "The family who found it gave it to the town museum, where a volunteer spent six months cleaning the mechanism and making a new hand from a photograph taken in 1930.",
        "Curator Agatha Penn said the clock kept good time for its first week on the wall. \u201cIt is a little slow on spring tides,\u201d she said, \u201cbut so was the harbour master.\u201d",
        "The museum is open from Wednesday to Sunday. Entry is free.",
    ])

ARTICLES["08-itemprop-budget"] = dict(
    title="Fellside sets budget with rise in council tax and new bus fund", outlet="Fellside Chronicle", date="2026-02-26T21:00:00Z",
    author="Tom Argent", blocks=[
        "Fellside District Council has set its budget for the coming year, with a council tax rise of 2.9 per cent and a new fund to keep rural bus routes running.",
        "The rise adds about 48 crowns a year to a typical household bill. Council leader Priya Sandhu said the alternative was closing two of the district\u2019s four recycling centres.",
        "The main points of the budget are:",
        ("ul", ["A 1.2 million crown fund to support bus routes that commercial operators have dropped.",
                "Recycling centres kept open at current hours.",
                "Twelve more hours a week at the district\u2019s three libraries.",
                "Car parking charges frozen for a second year."]),
        "The opposition group proposed a smaller rise paid for by selling the old council offices on Dyer Street, but the amendment was defeated by 22 votes to 17.",
        ("quote", "People tell us the bus is the thing that lets them stay in their village, and we have listened."),
        "The budget takes effect on the first of April.",
    ])

ARTICLES["09-long-footer-swim"] = dict(
    title="Teenager swims the Marrow Sound for charity", outlet="Marrow Coast News", date="2026-03-09T08:15:00Z",
    author="Bea Hollis", blocks=[
        "A sixteen-year-old from Kelby has swum the four kilometres across the Marrow Sound, raising more than 11,000 crowns for the lifeboat station that once rescued her grandfather.",
        "Nia Trevane left the slipway at Kelby at 6.40am on Saturday and reached the beach at Holm Point two hours and eleven minutes later, escorted by a pilot boat and two kayaks.",
        "The water was eleven degrees. Nia trained through the winter in the harbour, wearing a wetsuit until February and swimming without one for the last six weeks.",
        "Her grandfather, Jory Trevane, was pulled from the sound by the Kelby lifeboat in 1979 when his fishing boat sank in a gale. He was waiting on the beach at Holm Point with a flask of tea.",
        "Lifeboat operations manager Sal Quiller said the money would pay for new drysuits for the crew.",
    ])

ARTICLES["10-magazine-astronomy"] = dict(
    title="Dark-sky reserve status for the Upper Fennick moors", outlet="Fennick Valley Post", date="2026-01-30T12:00:00Z",
    author="Nell Ashby", blocks=[
        "The Upper Fennick moors have been named a dark-sky reserve, one of only a handful in the country, after a five-year campaign by local astronomers and farmers.",
        "The status means the moors are among the darkest places in the region, and commits the councils around them to keep new lighting low and shielded.",
        ("h2", "Counting stars"),
        "Volunteers from the Fennick Astronomical Society took more than two thousand readings of sky brightness between 2021 and 2025, many of them from farmyards at two in the morning.",
        "The society\u2019s chair, Orla Kemp, said the best sites showed the Milky Way bright enough to cast a shadow on a moonless night in August.",
        ("quote", "People come up here and see the sky their great-grandparents saw every night. Some of them cry."),
        ("h2", "What changes"),
        "Farms and villages inside the reserve will not have to replace existing lights, but the councils will offer grants for shielded fittings. Street lights in the three moorland villages will switch off at midnight.",
        "The society plans monthly open evenings at the old schoolhouse in Carnby from March.",
    ])

ARTICLES["11-teaser-sidebar-harbour"] = dict(
    title="Harbour dredging to start after two-year delay", outlet="Rennick Mercury", date="2026-02-11T07:30:00Z",
    author="Fergus Dane", blocks=[
        "Dredging of Rennick harbour will finally start next month, two years after silt first stopped the largest fishing boats from landing at low tide.",
        "The harbour board had to wait for a licence to dump the dredged silt at sea. Tests found traces of old paint and fuel in some samples, and the regulator asked for a second round of testing before it agreed.",
        "About 60,000 tonnes of silt will be removed over ten weeks. The dredger will work around the tides, day and night, and the board has warned residents of Quay Terrace to expect some noise.",
        "Harbour master Alys Pemberton said five boats had moved to other ports since the silting began, and she hoped some of them would come back.",
        "The work will cost 2.1 million crowns, shared between the board and a coastal fund.",
    ])

ARTICLES["12-liveupdates-flood"] = dict(
    title="River Fenn flood defences hold as water peaks", outlet="Valley Radio News", date="2026-01-18T15:40:00Z",
    author="Newsdesk", blocks=[
        "New flood defences along the River Fenn held overnight as the river reached its highest level for twelve years, the environment agency said on Sunday.",
        "The river peaked at 4.2 metres at the Carnby gauge at about 3am, half a metre above the level that flooded forty homes on Weir Road in 2014.",
        "The defences, a mix of walls, earth banks and a gate across the old mill race, were finished last autumn at a cost of 9 million crowns.",
        "Residents of Weir Road spent the night watching the water from the new wall. \u201cTwelve years ago I was carrying furniture upstairs at this time of night,\u201d said Gwen Harte, who has lived on the road since 1986.",
        "The agency warned that fields downstream of Carnby would stay flooded for several days and asked drivers not to use the Fenn Bridge road until it had been inspected.",
    ])


def head(a, extra=""):
    return f"""<head>
<meta charset="utf-8">
<title>{esc(a['title'])} | {esc(a['outlet'])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{html.escape(a['title'])}">
<meta property="og:site_name" content="{html.escape(a['outlet'])}">
<meta property="article:published_time" content="{a['date']}">
<link rel="stylesheet" href="/assets/main.css">
<script async src="https://ads.example/tag.js"></script>
<script>var _sitecfg = {{section: "news", paywall: false}};</script>
{extra}
</head>"""


PAGES = {}

def page_01(a):
    return f"""<!DOCTYPE html>
<html lang="en-GB">{head(a)}
<body class="post-template-default single single-post">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Skip to content</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/">{esc(a['outlet'])}</a></p>
<p class="site-description">News for Harrowgate and the Vale since 1911</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/food-drink">Food &amp; drink</a></li><li><a href="/whats-on">What's on</a></li><li><a href="/jobs">Jobs</a></li></ul></nav></header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-4412" class="post-4412 post type-post status-publish format-standard has-post-thumbnail category-food">
<header class="entry-header"><h1 class="entry-title">{esc(a['title'])}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="{a['date']}">14 February 2026</time></span> <span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/pip">{a['author']}</a></span></span></div></header>
<div class="post-thumbnail"><img src="/wp-content/uploads/2026/02/loaf.jpg" alt=""></div>
<div class="entry-content">
{paras(a['blocks'][:3])}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li><li><a href="#">WhatsApp</a></li></ul></div></div>
{paras(a['blocks'][3:])}
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>
<div class="jp-relatedposts-post"><a href="/a">Market hall café changes hands after forty years</a><p>The family that ran the café since the market opened has sold it to two former employees.</p></div>
<div class="jp-relatedposts-post"><a href="/b">Flour prices: what the harvest means for your loaf</a><p>Millers expect prices to rise again this spring after a wet summer cut the wheat harvest.</p></div></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/food">Food</a></span><span class="tags-links">Tagged <a href="/tag/bakery">bakery</a>, <a href="/tag/awards">awards</a></span></footer>
</article>
<nav class="navigation post-navigation"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links"><div class="nav-previous"><a href="/p">Previous: Vale cheese festival returns in June</a></div><div class="nav-next"><a href="/n">Next: Chandler Street to be pedestrianised on Saturdays</a></div></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">4 thoughts on &ldquo;{esc(a['title'])}&rdquo;</h2>
<ol class="comment-list"><li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">breadhead</b> says:</footer><div class="comment-content"><p>Well deserved. Their rye is even better than the sourdough, if you can get there before nine.</p></div></article></li>
<li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">ValeMum</b> says:</footer><div class="comment-content"><p>Lovely people. They gave my son a job on Saturdays and he has learned more there than in a year at college, honestly.</p></div></article></li></ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published.</p><textarea></textarea><input type="submit" value="Post Comment"></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section id="search-2" class="widget widget_search"><form role="search"><input type="search"></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul><li><a href="/1">Chandler Street to be pedestrianised on Saturdays</a></li><li><a href="/2">Vale cheese festival returns in June</a></li><li><a href="/3">Harrowgate Rovers promoted after penalty shoot-out</a></li></ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info"><a href="/">{esc(a['outlet'])}</a> &middot; Proudly independent &middot; <a href="/privacy">Privacy policy</a></div></footer>
</div>
{COOKIE}
<script src="/wp-includes/js/wp-embed.min.js"></script>
</body></html>"""


def page_02(a):
    b = a['blocks']
    return f"""<!DOCTYPE html>
<html>{head(a, '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"' + a['title'] + '","datePublished":"' + a['date'] + '","author":{"@type":"Person","name":"' + a['author'] + '"},"publisher":{"@type":"Organization","name":"' + a['outlet'] + '"}}</script>')}
<body>
<div class="gdpr-overlay"><div class="gdpr-box"><h2>We value your privacy</h2><p>We and our 142 partners store and access information on your device, such as cookies, and process personal data such as unique identifiers for personalised ads and content, ad and content measurement, and audience insights.</p><div class="btns"><a class="btn">I ACCEPT</a><a class="btn">MORE OPTIONS</a></div></div></div>
<div class="top-bar"><div class="container"><span class="date-today">Thursday 22 January 2026</span><a href="/subscribe" class="btn-subscribe">Subscribe from 1 crown</a><a href="/login">Log in</a></div></div>
<div class="container"><div class="logo-row"><a href="/"><img src="/logo.svg" alt="{esc(a['outlet'])}"></a></div>
<div class="menu-row"><a href="/news">News</a> <a href="/politics">Politics</a> <a href="/business">Business</a> <a href="/transport">Transport</a> <a href="/sport">Sport</a> <a href="/opinion">Opinion</a> <a href="/puzzles">Puzzles</a></div>
<div id="div-gpt-ad-top" class="adunit"><span class="adlabel">ADVERTISEMENT</span></div>
<div class="row">
<div class="col-md-8">
<div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/transport">Transport</a></div>
<div class="headline"><h1>{esc(a['title'])}</h1><h2 class="standfirst">Drivers trained, passengers waiting: the branch gets its weekend back</h2></div>
<div class="author-info"><img src="/authors/dh.jpg" alt=""><span class="name">{a['author']}</span> <span class="role">Transport Correspondent</span><span class="pubdate">Published 22 Jan 2026 06:00</span></div>
<div class="txt">
<p>{esc(b[0])}</p>
<p>{esc(b[1])}</p>
<p class="read-also"><strong>READ MORE:</strong> <a href="/x">Fares on the main line to rise by 3 per cent in March</a></p>
<p>{esc(b[2])}</p>
<div id="div-gpt-ad-mpu1" class="adunit adunit-mpu"><span class="adlabel">ADVERTISEMENT</span></div>
<p>{esc(b[3])}</p>
<p>{esc(b[4])}</p>
<p class="read-also"><strong>READ MORE:</strong> <a href="/y">Why the Corran line lost its Sunday trains</a></p>
<p>{esc(b[5])}</p>
</div>
<div class="tag-row"><a href="/t/rail">Rail</a> <a href="/t/corran">Corran</a> <a href="/t/fellside">Fellside</a></div>
<div class="more-on-this"><h3>More on this story</h3><div class="item"><a href="/m1"><img src="/m1.jpg" alt=""><span>Driver shortage: the numbers behind the cancelled trains</span></a></div><div class="item"><a href="/m2"><img src="/m2.jpg" alt=""><span>Fellside Junction to get new footbridge</span></a></div></div>
<div class="OUTBRAIN" data-widget-id="AR_1"><div class="ob-widget"><span>Promoted stories</span><a href="/ob1">This one weird trick cuts your heating bill in half</a><a href="/ob2">Homeowners in the north are switching to this</a></div></div>
</div>
<div class="col-md-4">
<div id="div-gpt-ad-side" class="adunit"><span class="adlabel">ADVERTISEMENT</span></div>
<div class="popular"><h3>Most popular</h3><ol><li><a href="/p1">Snow closes Fellside pass for third day</a></li><li><a href="/p2">Corran man wins lottery twice in a month</a></li><li><a href="/p3">New chippy named best in the county</a></li></ol></div>
</div></div></div>
<div class="footer"><div class="container"><p>{esc(a['outlet'])} is part of Ledger Media Group. Registered in the Northern District, number 0044512. Registered office: 14 Cannon Yard, Fellside.</p><p><a href="/about">About us</a> | <a href="/contact">Contact</a> | <a href="/complaints">Complaints</a> | <a href="/privacy">Privacy notice</a> | <a href="/cookies">Cookie settings</a></p></div></div>
</body></html>"""


def page_03(a):
    b = a['blocks']
    body = "<br><br>\n".join(esc(x) for x in b)
    return f"""<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{esc(a['outlet'])} - {esc(a['title'])}</title>
<meta name="author" content="{a['author']}"><meta name="date" content="{a['date']}"></head>
<body bgcolor="#ffffff">
<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2" bgcolor="#003366"><font color="#ffffff" size="5"><b>{esc(a['outlet'])}</b></font><br><font color="#ffffff" size="2">The island's own newspaper</font></td></tr>
<tr><td width="160" valign="top" bgcolor="#e8e8e8"><font size="2">
<a href="index.html">Front page</a><br><a href="news.html">News</a><br><a href="sport.html">Sport</a><br><a href="notices.html">Notices</a><br><a href="tides.html">Tide tables</a><br><a href="archive.html">Archive</a><br><br>
<b>Advertise with us</b><br>Reach every household on the island for 20 crowns a week.
</font></td>
<td valign="top"><font face="Georgia" size="3">
<font size="5"><b>{esc(a['title'])}</b></font><br>
<i>by {a['author']}, 3 March 2026</i><br><br>
{body}
<br><br><hr>
<font size="2"><b>Also this week:</b> <a href="a.html">Post office to close on Wednesday afternoons</a> | <a href="b.html">Lifeboat crew called out twice in one night</a> | <a href="c.html">School play sells out</a></font>
</font></td></tr>
<tr><td colspan="2" align="center"><font size="1">Copyright 2026 {esc(a['outlet'])}. Printed and published on Skerrin. <a href="mailto:editor@skerrin.example">Write to the editor</a></font></td></tr>
</table>
</body></html>"""


def page_04(a):
    return f"""<!doctype html>
<html amp lang="en">
<head><meta charset="utf-8"><title>{esc(a['title'])} - {esc(a['outlet'])}</title>
<link rel="canonical" href="https://coastlinetoday.example/news/wind-farm-approved">
<meta property="og:site_name" content="{esc(a['outlet'])}">
<script async src="https://cdn.ampproject.example/v0.js"></script>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{a['title']}","datePublished":"{a['date']}","author":[{{"@type":"Person","name":"{a['author']}"}}],"publisher":{{"@type":"Organization","name":"{a['outlet']}"}}}}</script>
<style amp-custom>body{{font-family:serif}} .article-body p{{margin:1em 0}}</style>
</head>
<body>
<amp-consent id="consent" layout="nodisplay"><div class="consent-ui"><p>We use cookies and similar technologies on this AMP page to personalise content and ads and to analyse our traffic.</p><button on="tap:consent.accept">Agree</button></div></amp-consent>
<header class="amp-header"><a href="/">{esc(a['outlet'])}</a><button on="tap:sidebar.toggle">Menu</button></header>
<amp-sidebar id="sidebar" layout="nodisplay" side="left"><ul><li><a href="/news">News</a></li><li><a href="/environment">Environment</a></li><li><a href="/fishing">Fishing</a></li><li><a href="/weather">Weather</a></li></ul></amp-sidebar>
<div class="article">
<h1 class="article-title">{esc(a['title'])}</h1>
<div class="article-meta"><span class="author">By {a['author']}</span> <span class="date">2 February 2026</span></div>
<amp-img src="/img/turbines.jpg" width="800" height="450" layout="responsive" alt="Turbines at sea"></amp-img>
<div class="image-caption">Turbines of an existing farm further north. Photograph: Coastline Today</div>
<div class="article-body">
{paras(a['blocks'][:2])}
<amp-ad width="300" height="250" type="doubleclick" data-slot="/123/coast/mpu"><div placeholder>Advertisement</div></amp-ad>
{paras(a['blocks'][2:])}
</div>
<div class="social-links"><a href="#">Share on Facebook</a> <a href="#">Share by email</a></div>
</div>
<div class="related"><h2>You might also like</h2><ul><li><a href="/r1">Crab season opens with record prices at Rennick market</a></li><li><a href="/r2">Cable route for wind farm to avoid nature reserve</a></li></ul></div>
<footer class="amp-footer"><p>&copy; {esc(a['outlet'])} 2026. <a href="/full">View full site</a></p></footer>
</body></html>"""


def page_05(a):
    b = a['blocks']
    return f"""<!DOCTYPE html>
<html lang="en">{head(a)}
<body>
<div class="site-wrap">
<div class="header-top"><div class="logo"><a href="/">{esc(a['outlet'])}</a></div><div class="weather-widget">Brackley 6&deg;C light rain</div></div>
<ul class="primary-links"><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/education">Education</a></li><li><a href="/sport">Sport</a></li><li><a href="/announcements">Announcements</a></li></ul>
<div class="story-wrap">
<h1 class="story-headline">{esc(a['title'])}</h1>
<p class="story-dateline">{a['author']} &middot; 9 January 2026</p>
<div class="text-block">
{paras(b[:2])}
</div>
<div class="inline-box"><h4>Read also</h4><ul><li><a href="/s1">County to review school building repairs after survey</a></li><li><a href="/s2">Brackley pupils raise money for flood-hit school</a></li></ul></div>
<div class="text-block">
{paras(b[2:4])}
</div>
<div class="newsletter-inline"><p>Get the Brackley Observer newsletter: the week's local news every Friday morning, free.</p><form><input type="email" placeholder="Email address"><button>Subscribe</button></form></div>
<div class="text-block">
{paras(b[4:])}
</div>
<p class="story-footnote">Do you have a story for us? Email newsdesk@brackleyobserver.example.</p>
</div>
<div class="right-column"><div class="promo-box"><h4>Win a family day out</h4><p>Enter our competition to win tickets for four to the Brackley Steam Fair, with lunch included for everyone.</p></div></div>
<div class="bottom"><p>Brackley Observer, 2 Market Place, Brackley. Part of the Valley Newspapers group.</p></div>
</div>
</body></html>"""


def page_06(a):
    # A comment thread longer than the story, in markup that does not say "comment".
    responses = [
        ("OldOstburian", "I have played in that bandstand with the works band since I was fourteen, and I am now seventy-one. Every summer the paint peels a little more and every summer we say somebody ought to do something about it. Well done to the councillors who stood up to the officers for once."),
        ("ParkRunner", "Ninety-five thousand crowns is a lot of money for something that gets used twelve Sundays a year. The toilets in the same park have been closed since the spring and nobody seems to be in any hurry to vote for those."),
        ("MaggieB", "The toilets are a fair point, but the bandstand brings people into the park who would never otherwise come, and they buy ice cream and teas from the kiosk, which keeps the kiosk open the rest of the year."),
        ("Realist22", "Wait until the quote doubles once they start taking the roof off. It always does with these old structures, because nobody knows what state the ironwork is in until it is too late to stop."),
        ("OldOstburian", "The ironwork was surveyed two years ago, as it happens, and the report is on the council website for anyone who cares to read it before commenting. Most of the cost is the roof and the railings, not the columns."),
    ]
    thread = "\n".join(f'<div class="response"><div class="response-head"><span class="handle">{h}</span> <span class="ago">2 hours ago</span></div><p>{esc(t)}</p><div class="response-actions"><a href="#">Reply</a> <a href="#">Report</a></div></div>' for h, t in responses)
    return f"""<!DOCTYPE html>
<html>{head(a)}
<body>
{COOKIE}
<div class="masthead"><a href="/">{esc(a['outlet'])}</a></div>
<div class="navbar"><a href="/news">News</a> <a href="/council">Council</a> <a href="/parks">Parks</a> <a href="/letters">Letters</a></div>
<div class="page">
<div class="story">
<h1>{esc(a['title'])}</h1>
<div class="story-info">By {a['author']} | 5 March 2026, 7.10pm</div>
<div class="story-text">
{paras(a['blocks'])}
</div>
</div>
<div class="readers"><h3>Have your say (5)</h3>
{thread}
</div>
</div>
<div class="site-foot"><p>{esc(a['outlet'])}, Ostbury's evening paper since 1888.</p></div>
</body></html>"""


def page_07(a):
    teaser = lambda h, t: f'<article class="card"><a href="/x"><h3>{esc(h)}</h3><p>{esc(t)}</p></a></article>'
    return f"""<!DOCTYPE html>
<html lang="en">{head(a, '<link rel="canonical" href="https://portmaddoxgazette.example/news/tide-clock-returns">')}
<body>
<header class="global-header"><a class="brand" href="/">{esc(a['outlet'])}</a><nav><a href="/news">News</a> <a href="/heritage">Heritage</a> <a href="/events">Events</a></nav></header>
<main>
<article class="article-full">
<h1>{esc(a['title'])}</h1>
<p class="article-byline">{a['author']} <time datetime="{a['date']}">20 Feb 2026</time></p>
{paras(a['blocks'])}
</article>
<section class="more-stories"><h2>More from Heritage</h2>
{teaser("Quarry Row cottages listed as historic buildings", "Six cottages built for quarry workers in the 1840s have been given protected status after a campaign by residents who feared they would be demolished for flats.")}
{teaser("Harbour office restoration wins design award", "The restoration of the harbour office, where the tide clock once hung, has won a regional award for the best reuse of a historic building.")}
{teaser("Volunteers needed for museum's summer opening", "The town museum is looking for volunteers to open on Monday and Tuesday afternoons during the summer holidays, when visitor numbers double.")}
</section>
</main>
<footer class="global-footer"><p>&copy; 2026 {esc(a['outlet'])}</p></footer>
</body></html>"""


def page_08(a):
    b = a['blocks']
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{esc(a['title'])}</title>
<meta property="og:title" content="{html.escape(a['title'])}"><meta property="og:site_name" content="{esc(a['outlet'])}">
<meta name="author" content="{a['author']}"></head>
<body>
<div id="header"><div id="logo">{esc(a['outlet'])}</div><div id="topnav"><a href="/">Home</a> <a href="/council">Council</a> <a href="/money">Money</a></div></div>
<div id="wrapper">
<div id="left">
<div itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">{esc(a['title'])}</h1>
<div class="dateline"><span itemprop="author">{a['author']}</span>, <time itemprop="datePublished" datetime="{a['date']}">26 February 2026</time></div>
<div itemprop="articleBody">
{paras(b[:4])}
<aside class="pullquote"><p>&ldquo;People tell us the bus is the thing that lets them stay in their village.&rdquo;</p></aside>
{paras(b[4:])}
</div>
<p class="correction-policy">We are committed to accuracy. If you spot an error, contact our readers&rsquo; editor.</p>
</div>
</div>
<div id="right"><div class="box"><h3>Latest</h3><ul><li><a href="/1">Dyer Street offices: what happens next</a></li><li><a href="/2">Bus routes at risk, in a map</a></li><li><a href="/3">Recycling centre hours</a></li></ul></div>
<div class="box subscribe-box"><p>Support local journalism. Subscribe to the Fellside Chronicle for less than the price of a coffee a week.</p></div></div>
</div>
<div id="footer">Fellside Chronicle &middot; 1 Tanner Row &middot; Fellside</div>
</body></html>"""


def page_09(a):
    return f"""<!DOCTYPE html>
<html>{head(a)}
<body>
<div class="topnav"><a href="/">Marrow Coast News</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/community">Community</a></div>
<div class="main">
<article>
<h1>{esc(a['title'])}</h1>
<div class="meta">By {a['author']} &middot; <time datetime="{a['date']}">9 March 2026</time></div>
<figure><img src="/img/nia.jpg" alt=""><figcaption>Nia Trevane coming ashore at Holm Point. Picture by Kelby Camera Club.</figcaption></figure>
{paras(a['blocks'])}
</article>
</div>
<footer>
<div class="about"><h4>About Marrow Coast News</h4><p>Marrow Coast News is an independent, not-for-profit news site covering Kelby, Holm and the villages of the Marrow coast. We are funded by our readers and by a small grant from the coastal community trust, and we do not take money from political parties.</p><p>Our reporters live in the communities they cover. If you have a story, or want to volunteer as a community correspondent, we would love to hear from you.</p></div>
<div class="links"><a href="/donate">Donate</a> <a href="/volunteer">Volunteer</a> <a href="/privacy">Privacy</a></div>
</footer>
<div class="cookie-bar"><p>We only use the cookies we need to make the site work, plus anonymous analytics to count our readers. No advertising cookies, ever.</p><button>OK</button></div>
</body></html>"""


def page_10(a):
    b = a['blocks']
    return f"""<!DOCTYPE html>
<html lang="en-GB">{head(a, '<script type="application/ld+json">[{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[]},{"@context":"https://schema.org","@type":"NewsArticle","headline":"' + a['title'] + '","datePublished":"' + a['date'] + '","author":{"@type":"Person","name":"' + a['author'] + '"}}]</script>')}
<body class="longform">
<div class="sticky-header"><a class="logo" href="/">{esc(a['outlet'])}</a><a class="subscribe" href="/subscribe">Subscribe</a></div>
<nav class="section-nav"><a href="/features">Features</a> <a href="/outdoors">Outdoors</a> <a href="/science">Science</a></nav>
<main>
<article>
<header><p class="kicker">Outdoors</p><h1>{esc(a['title'])}</h1><p class="dek">Five years of night-time readings pay off for the valley&rsquo;s astronomers</p><p class="byline">Words by {a['author']}</p></header>
<section class="body">
{paras(b[:2])}
<figure class="wide"><img src="/img/milkyway.jpg" alt=""><figcaption>The Milky Way over Carnby Tor. Photograph: Fennick Astronomical Society</figcaption></figure>
{paras(b[2:5])}
<div class="newsletter-inline"><h4>The Outdoors newsletter</h4><p>Walks, wildlife and the night sky, once a month.</p><a href="/signup">Sign up</a></div>
{paras(b[5:])}
</section>
<footer class="article-foot"><p class="tags">Topics: <a href="/t/astronomy">Astronomy</a>, <a href="/t/moors">Moors</a></p></footer>
</article>
<aside class="recirc"><h3>Read next</h3><ul><li><a href="/n1">The farmer who counts owls</a></li><li><a href="/n2">Walking the old peat roads</a></li></ul></aside>
</main>
<footer class="site-footer"><p>&copy; 2026 {esc(a['outlet'])}. All rights reserved.</p></footer>
</body></html>"""


def page_11(a):
    teasers = [
        ("Quay Terrace residents fear summer of noise", "Residents say they were not told the dredger would work at night, and want the board to put up a phone line for complaints during the ten weeks of work."),
        ("Five boats that left Rennick: where are they now?", "We tracked down the skippers who moved their boats to other harbours when the silt came, and asked whether they would come back once the channel is clear."),
        ("Harbour board chair to step down in the summer", "The chair, who has led the board for eleven years and steered it through the long argument over the dredging licence, says it is time for someone new."),
    ]
    side = "\n".join(f'<div class="teaser"><a href="/t"><h4>{esc(h)}</h4></a><p>{esc(t)}</p></div>' for h, t in teasers)
    return f"""<!DOCTYPE html>
<html>{head(a)}
<body>
<div id="topbar"><a href="/">Rennick Mercury</a> &middot; <a href="/news">News</a> &middot; <a href="/harbour">Harbour</a> &middot; <a href="/sport">Sport</a></div>
<div id="container">
<div id="col-main">
<h1>{esc(a['title'])}</h1>
<div class="info">{a['author']}, 11 February 2026</div>
<div class="body-copy">
{paras(a['blocks'])}
</div>
</div>
<div id="col-right"><h3>In the harbour</h3>
{side}
</div>
</div>
<div id="bottom">Rennick Mercury &middot; Quay House, Rennick</div>
</body></html>"""


def page_12(a):
    b = a['blocks']
    updates = "\n".join(f'<div class="update"><span class="update-time">{t}</span><p>{esc(x)}</p></div>'
                        for t, x in zip(["07:10", "06:45", "05:30", "04:15", "03:20"], b))
    return f"""<!DOCTYPE html>
<html>{head(a)}
<body>
<div class="station-bar"><a href="/listen">Listen live</a> <a href="/schedule">Schedule</a> <a href="/news">News</a> <a href="/travel">Travel</a> <a href="/weather">Weather</a></div>
<div class="now-playing"><span>On air now:</span> <span>The Breakfast Show with Dom and Kez</span></div>
<div class="content">
<h1>{esc(a['title'])}</h1>
<p class="updated">Last updated 18 January 2026, 15:40</p>
<div class="updates">
{updates}
</div>
<div class="travel-box"><h3>Travel news</h3><p>Fenn Bridge road closed. A31 slow near Carnby. Trains running normally.</p></div>
</div>
<div class="footer-links"><a href="/about">About Valley Radio</a> <a href="/competitions">Competitions</a> <a href="/jobs">Jobs</a></div>
{COOKIE}
</body></html>"""


BUILDERS = [page_01, page_02, page_03, page_04, page_05, page_06, page_07, page_08, page_09, page_10, page_11, page_12]


def main(out=None):
    """Writes OUT/pages/NAME.html and OUT/reference/NAME.txt (OUT: the first argument, else a temporary
    folder); prints OUT. The pages are generated, not stored: this script is their only source."""
    import tempfile
    out = out or tempfile.mkdtemp(prefix="dedupe-extraction-")
    os.makedirs(os.path.join(out, "pages"), exist_ok=True)
    os.makedirs(os.path.join(out, "reference"), exist_ok=True)
    for (name, article), build in zip(ARTICLES.items(), BUILDERS):
        with open(os.path.join(out, "pages", name + ".html"), "w", encoding="utf-8") as f:
            f.write(build(article) + "\n")
        with open(os.path.join(out, "reference", name + ".txt"), "w", encoding="utf-8") as f:
            f.write(reference(article["blocks"]))
    print(out)
    return out


if __name__ == "__main__":
    import sys
    main(sys.argv[1] if len(sys.argv) > 1 else None)
