package mailtext

import (
	"encoding/base64"
	"mime"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// TestGolden renders real-world shapes of mail, built here rather than downloaded, at
// width 72. Regenerate with go test ./mailtext -update, then read every file.
func TestGolden(t *testing.T) {
	tests := []struct {
		name       string
		raw        []byte
		preferHTML bool
	}{
		{"outlook", outlookMessage(), true},
		{"newsletter", newsletterMessage(), true},
		{"gbk", gbkMessage(t), false},
		{"big5", big5Message(t), false},
		{"iso2022jp", iso2022jpMessage(t), false},
		{"flowed", crlf(flowedMessage), false},
		{"forwarded", crlf(forwardedMessage), false},
		{"signed", crlf(signedMessage), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := RenderRaw(tt.raw, 72, tt.preferHTML)
			for _, l := range lines {
				checkLine(t, l, 72)
			}
			golden.RequireEqual(t, []byte(strings.Join(lines, "\n")+"\n"))
		})
	}
}

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// b64 wraps base64 at 76 columns, as mailers do.
func b64(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 76 {
		out.WriteString(s[:76] + "\n")
		s = s[76:]
	}
	return out.String() + s + "\n"
}

func gbkMessage(t *testing.T) []byte {
	subject := mime.BEncoding.Encode("GB2312", string(encode(t, simplifiedchinese.GBK, "关于下周会议的安排")))
	body := "各位同事：\n\n下周一上午十点在三楼会议室召开季度总结会议，请大家准时参加。" +
		"会议将讨论第三季度的销售数据、客户反馈以及第四季度的工作计划。请各部门负责人提前准备好汇报材料，每个部门的发言时间控制在十五分钟以内。\n\n谢谢！\n王经理\n"
	return crlf("From: =?GB2312?B?" + base64.StdEncoding.EncodeToString(encode(t, simplifiedchinese.GBK, "王经理")) + "?= <wang@example.cn>\n" +
		"To: team@example.cn\nDate: Mon, 3 Jun 2024 09:30:00 +0800\nSubject: " + subject + "\n" +
		"MIME-Version: 1.0\nContent-Type: text/plain; charset=\"gb2312\"\nContent-Transfer-Encoding: base64\n\n" +
		b64(encode(t, simplifiedchinese.GBK, strings.ReplaceAll(body, "\n", "\r\n"))))
}

func big5Message(t *testing.T) []byte {
	body := "您好：\n\n附上本月的報價單，請查收。如有任何問題，歡迎隨時與我們聯絡。\n\n陳小姐 敬上\n"
	return crlf("From: chen@example.tw\nTo: buyer@example.com\nDate: Tue, 4 Jun 2024 14:00:00 +0800\n" +
		"Subject: =?Big5?B?" + base64.StdEncoding.EncodeToString(encode(t, traditionalchinese.Big5, "本月報價單")) + "?=\n" +
		"MIME-Version: 1.0\nContent-Type: text/plain; charset=big5\nContent-Transfer-Encoding: base64\n\n" +
		b64(encode(t, traditionalchinese.Big5, strings.ReplaceAll(body, "\n", "\r\n"))))
}

func iso2022jpMessage(t *testing.T) []byte {
	body := "山田様\n\nいつもお世話になっております。\n来週の打ち合わせの日程について、ご都合のよい日時をお知らせください。\n\nよろしくお願いいたします。\n佐藤\n"
	return crlf("From: sato@example.jp\nTo: yamada@example.jp\nDate: Wed, 5 Jun 2024 10:15:00 +0900\n" +
		"Subject: =?ISO-2022-JP?B?" + base64.StdEncoding.EncodeToString(encode(t, japanese.ISO2022JP, "打ち合わせの日程")) + "?=\n" +
		"MIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n" +
		string(encode(t, japanese.ISO2022JP, body)))
}

const flowedMessage = `From: Alice <alice@example.org>
To: Bob <bob@example.org>
Date: Thu, 6 Jun 2024 18:02:11 +0200
Subject: Re: The release plan
Content-Type: text/plain; charset=utf-8; format=flowed; delsp=no
Content-Transfer-Encoding: 8bit

Hi Bob,

On Thu, 6 Jun 2024, Bob wrote:
> I think we should ship the release on Monday, after the last round of 
> testing has finished and the translators have had a chance to look at 
> the new strings.
>
>> Carol wrote: the documentation still describes the old configuration 
>> format, which will confuse people who upgrade.
>
> Agreed, that needs fixing first.

Monday works for me. I will update the documentation tomorrow, so that 
the new configuration format is described before anyone upgrades. The 
translators already have the strings.

 >This line starts with a stuffed space and is not a quote.

-- 
Alice
`

const forwardedMessage = `From: Dan <dan@example.com>
To: Erin <erin@example.com>
Date: Fri, 7 Jun 2024 08:00:00 +0000
Subject: Fwd: Invoice 2024-117
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="==outer=="

This is a multi-part message in MIME format.
--==outer==
Content-Type: multipart/alternative; boundary="==alt=="

--==alt==
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Hi Erin,

see the forwarded message below. Gr=FC=DFe, Dan
--==alt==
Content-Type: text/html; charset=iso-8859-1

<p>Hi Erin,</p><p>see the forwarded message below.</p>
--==alt==--
--==outer==
Content-Type: message/rfc822
Content-Disposition: inline

From: Billing <billing@example.net>
To: Dan <dan@example.com>
Subject: Invoice 2024-117
Content-Type: multipart/mixed; boundary=inner

--inner
Content-Type: text/plain

Please find the invoice attached.
--inner
Content-Type: application/pdf; name="invoice-2024-117.pdf"
Content-Disposition: attachment; filename="invoice-2024-117.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJeLjz9MK
--inner--
--==outer==
Content-Type: image/png; name="=?utf-8?q?Kassenbon_M=C3=BCnchen.png?="
Content-Disposition: attachment
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--==outer==--
`

const signedMessage = `From: Frank <frank@example.org>
To: dev@example.org
Date: Sat, 8 Jun 2024 12:00:00 +0000
Subject: [ANN] tern 0.1 released
MIME-Version: 1.0
Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="sig"

--sig
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

tern 0.1 is out. Checksums are in the release notes.
--sig
Content-Type: application/pgp-signature; name="signature.asc"
Content-Description: OpenPGP digital signature
Content-Disposition: attachment; filename="signature.asc"

-----BEGIN PGP SIGNATURE-----

iQEzBAEBCAAdFiEE0000000000000000000000000000000000=
=abcd
-----END PGP SIGNATURE-----
--sig--
`
