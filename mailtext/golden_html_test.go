package mailtext

import (
	"mime/quotedprintable"
	"strings"
)

// qp encodes s as quoted-printable, with "\n" line ends for crlf to convert.
func qp(s string) string {
	var b strings.Builder
	w := quotedprintable.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return strings.ReplaceAll(b.String(), "\r\n", "\n")
}

// outlookMessage is shaped like a reply from Outlook: multipart/alternative, windows-1252
// quoted-printable HTML with MsoNormal paragraphs, <o:p>, conditional comments, a
// signature table nested in a layout table, and the quoted original below a border.
func outlookMessage() []byte {
	html := `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
--></style><!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]-->
</head>
<body lang="EN-GB" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
<p class="MsoNormal">Hi Priya,<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Thanks for the quick turnaround. I` + "\x92" + `ve gone through the draft and it looks good; two small points:<o:p></o:p></p>
<ul style="margin-top:0cm" type="disc">
<li class="MsoListParagraph" style="margin-left:0cm;mso-list:l0 level1 lfo1">The budget table on page 3 should use the <b>revised</b> figures.<o:p></o:p></li>
<li class="MsoListParagraph" style="margin-left:0cm;mso-list:l0 level1 lfo1">Please link the <a href="https://intranet.example.com/policies/travel-2024">travel policy</a> in section 2.<o:p></o:p></li>
</ul>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Best regards,<o:p></o:p></p>
<table class="MsoNormalTable" border="0" cellspacing="0" cellpadding="0" style="border-collapse:collapse">
<tr><td style="padding:0cm"><table border="0" cellpadding="0"><tr>
<td><p class="MsoNormal"><b><span style="color:#1F3864">Tom Becker</span></b><o:p></o:p></p>
<p class="MsoNormal"><span style="color:#1F3864">Finance Manager | Example Ltd</span><o:p></o:p></p></td>
<td><p class="MsoNormal"><a href="https://www.example.com/"><img border="0" width="80" height="40" src="cid:image001.png@01DA0000.00000000" alt="Example Ltd"></a><o:p></o:p></p></td>
</tr></table></td></tr></table>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
<p class="MsoNormal"><b>From:</b> Priya Shah &lt;priya@example.com&gt;<br>
<b>Sent:</b> 10 June 2024 16:41<br>
<b>To:</b> Tom Becker &lt;tom@example.com&gt;<br>
<b>Subject:</b> Draft proposal<o:p></o:p></p>
</div>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Hi Tom, the draft is attached. Could you check the figures before Friday?<o:p></o:p></p>
</div>
</body>
</html>
`
	return crlf(`From: Tom Becker <tom@example.com>
To: Priya Shah <priya@example.com>
Date: Tue, 11 Jun 2024 09:12:44 +0000
Subject: RE: Draft proposal
Thread-Topic: Draft proposal
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="_000_AM0PR01MB0001_"

--_000_AM0PR01MB0001_
Content-Type: text/plain; charset="windows-1252"
Content-Transfer-Encoding: quoted-printable

Hi Priya, (plain alternative, not shown when HTML is preferred)

--_000_AM0PR01MB0001_
Content-Type: text/html; charset="windows-1252"
Content-Transfer-Encoding: quoted-printable

` + qp(html) + `
--_000_AM0PR01MB0001_--
`)
}

// newsletterMessage is shaped like a marketing newsletter: a hidden preheader, layout
// tables nested three deep, a price table, image links, repeated links, tracking
// pixels and an unsubscribe footer.
func newsletterMessage() []byte {
	html := `<!DOCTYPE html><html><head><title>Weekly Digest</title>
<style>@media only screen and (max-width:600px){.col{width:100%!important}}</style>
<script>track()</script></head>
<body style="margin:0;padding:0">
<div style="display:none;max-height:0;overflow:hidden">This week: 30% off all plans &zwnj;&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="600"><tr><td>
<a href="https://news.example.com/?utm_source=logo"><img src="https://cdn.example.com/logo.png" alt="Example News"></a>
</td></tr>
<tr><td class="col">
<h1>Weekly Digest</h1>
<p>Hello Sam, here is what happened this week at <a href="https://news.example.com/?utm_source=body">Example News</a>.</p>
<h2>Top stories</h2>
<ol>
<li><a href="https://news.example.com/a/1">Rust 2024 edition lands</a> &ndash; what changes for you</li>
<li><a href="https://news.example.com/a/2">Terminal UIs are back</a></li>
<li><a href="https://news.example.com/a/3">Mail without tracking</a></li>
</ol>
<h2>Plans</h2>
<table border="1" cellpadding="4">
<tr><th>Plan</th><th>Price</th><th>Storage</th></tr>
<tr><td>Basic</td><td>$3/mo</td><td>10 GB</td></tr>
<tr><td>Pro</td><td><s>$9/mo</s> $6/mo</td><td>100 GB</td></tr>
<tr><td>Team</td><td>$20/mo</td><td>1 TB</td></tr>
</table>
<p><a href="https://news.example.com/plans?utm_source=button" style="background:#06c;color:#fff;padding:8px">Upgrade now</a></p>
</td></tr>
<tr><td>
<table role="presentation"><tr>
<td><a href="https://twitter.example.com/examplenews"><img src="https://cdn.example.com/tw.png" alt="Twitter"></a></td>
<td><a href="https://social.example.org/@examplenews"><img src="https://cdn.example.com/ms.png" alt="Mastodon"></a></td>
</tr></table>
<p style="font-size:11px;color:#999">You receive this because you signed up at example.com.
<a href="https://news.example.com/unsubscribe?id=abc123">Unsubscribe</a> &middot;
<a href="https://news.example.com/?utm_source=body">Read online</a> &middot;
<a href="mailto:help@example.com">help@example.com</a></p>
<img src="https://track.example.com/open.gif?id=abc123" width="1" height="1" alt="">
</td></tr></table>
</td></tr></table>
</body></html>
`
	return crlf(`From: Example News <news@example.com>
To: sam@example.org
Date: Sun, 9 Jun 2024 07:00:00 +0000
Subject: =?utf-8?q?Weekly_Digest_=E2=80=93_30=25_off?=
List-Unsubscribe: <https://news.example.com/unsubscribe?id=abc123>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

View this email in your browser: https://news.example.com/
--b1
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

` + qp(html) + `
--b1--
`)
}
