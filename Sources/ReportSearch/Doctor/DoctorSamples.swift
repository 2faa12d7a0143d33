import Foundation

/// The tiny documents `doctor` converts with the real helper programs, embedded in the
/// binary so the check needs no file from the source tree.
///
/// | sample                         | what it holds                                    | proves                                  |
/// |--------------------------------|--------------------------------------------------|-----------------------------------------|
/// | ``pdf``                        | one page: `ReportSearch doctor` (Helvetica) and `经济发展` (STSong-Light, UniGB-UTF16-H, not embedded) | pdftotext reads PDF; poppler-data maps the Chinese CID font |
/// | ``pdf`` rendered by pdftoppm   | a picture of that page, as a scan would be        | Tesseract reads Chinese (`chi_sim`)      |
/// | ``doc()``                      | a Word 97 file (LibreOffice, from 13 authored lines) | antiword reads .doc                  |
enum DoctorSamples {
    /// The ASCII line of ``pdf``.
    static let pdfLatinText = "ReportSearch doctor"
    /// The Chinese line of ``pdf``: readable only with poppler-data's Adobe-GB1 CMaps.
    static let pdfChineseText = "经济发展"
    /// The first line of ``doc()``.
    static let docTitle = "经济发展报告"

    /// A minimal valid one-page PDF, objects and cross-reference table written here.
    static let pdf: [UInt8] = {
        let chineseHex = pdfChineseText.utf16.map { String(format: "%04X", $0) }.joined()
        let content = """
            BT /F1 12 Tf 20 100 Td (\(pdfLatinText)) Tj ET
            BT /F2 12 Tf 20 60 Td <\(chineseHex)> Tj ET

            """
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [7 0 R] >>",
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 8 0 R >>",
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }()

    /// The Word 97 sample, unpacked from a ZIP (deflate makes 11 KB of mostly zeros 1.6 KB).
    /// antiword refuses files whose text stream is under 4 KB ("too small to handle"), so the
    /// sample cannot be much smaller.
    static func doc() throws(ReportError) -> [UInt8] {
        guard let zip = Data(base64Encoded: docZIPBase64, options: .ignoreUnknownCharacters) else {
            throw .damaged(path: "doctor sample", format: .doc, reason: "the embedded sample does not decode")
        }
        let container = try ZIPContainer([UInt8](zip), path: "doctor sample", format: .doc)
        guard let bytes = try container.member("sample.doc") else {
            throw .damaged(path: "doctor sample", format: .doc, reason: "the embedded sample is missing")
        }
        return bytes
    }

    /// `sample.doc` in a ZIP archive, base64.
    private static let docZIPBase64 = """
        UEsDBBQAAAAIAO07fl00UUqXxQUAAAAsAAAKAAAAc2FtcGxlLmRvY+1azW9bRRCffXZcP7d2XdeEkgbipsaNSpuPJmkTgUS+KKmb
        D5eEFEEpSuKkSYntkDhqKhCqQIgioAQ4cEFCSO0JhAr8AeQCN1Q49NBbOXBAqqqCAKmgxPxm375g3BSe7aim7RtrvG/37ezMzs7O
        zu6+7y5suvzx5xU/UA48TA5azujkyioTwM1mxk+kqbLlTCZjFmdsuK1gSaU8hk6MXxmQx3ydGlcdqQe4HrgB6AX6gBsNE6BNwICq
        G1SpDbcPPEEp/NIUoscoiXSGTlI+UA6LyW7PCs2yxXpWweZfOH/Tf682/91Aq/Of1wWe//dImyC6F7gFeB+wArgVWAm8H/gAsAoY
        Am5T/LcjDavniO1HbhkIaNrhMWzIpWvSJhYN09jP49c7OTqTmk2Np0OHUzPx3V2p5+cSY8m0tIneAS7rSo1KS+DnWmTk+9oW+rX1
        ixf+2xaFEUYUDAFYnAetPCMt0oCnYZo/ZzROYct98G8zlKBhmlJ23BCmnWHRDnOro46d1B910CFgZ3QLJbp15ywwFnVSstvpTgOP
        RstoGO+e6251/qss+2m5SpAm9sv5001j4BmnSfjVY3LmbKTNZ69R8Ow8ucICs6M/6gJjFxhXUiy6jgxGldREHX5up0nOv0G0My89
        dAd6Epf+2Y9fIB4UAi1i3p19S86mOr8QAcGzykk94DsLKlbvJuSPRt3URtVot1q0Sfk6Id00akyi1aSUL4DW5qV8GyBfQCpkr1sw
        Kff/WbeIyB7uERHpKQ6ALi6l49xmSWVwGpL1OsSQ9BAx6H+MxlfGIY3fGChDK31jHxNUfSGpGR2a0SFBEJrxoE0dIgSllj0O7p90
        NtJq2U0FfYa3Mp91NSJcl0HzZxXEVF02hcfLF4QVMxuEmhIQdhZC9yE9gZSXTu4OK68Z7Vix4wEMX4JGQMnG2Bixxr0diptUBtwO
        TlaIuiDlcdAM0RxkHUCO2xjHm4Muay30ycAg9Q/qEMwmSgdlWSfqPOoqTBrW2izTR4qjP1BAXwzaG3oSLlKS5mLoQ9Qrp2GKbaS5
        8D6ZreT2rgNTRrjfhkf/GmY6IVZxw4AIkiWNc17pRF5d8N5Q6lUUOxxy/ZZz0YYiFrD6tW8zxxOFLA5S3pKcKl7U5QwblrZaXECX
        X/vol+v9E/5P3nXTQzu+vMTyvaTiU37fouLTNhWj9iin/pSKVePKXKeVSn5aMmJPTfW1LYufled85OcS7eK3Fz+s3ep//wPIv+v6
        Z128TuaUHVFxslDoz5L1ZuVrCVfOCdEb0mEf1wJfZZuBWkl91DmcmhpOtqxiHLqznOqCf+fN1fbm+5SNcuUV6lnPes6F0/L/qnJU
        Vy34Q64TzGeSaIaV+FS6cvKF/BWteM1WFNjGDmzBRrJoI5qxq7LhzoSKHPu7VaDRJVv5NthwV8OFl/sS3w88eeTcSHTQS7tebKCe
        0xUZ3q9Py/16mnZjY8EnGTM0ShOIJeMoH5UbjxnkauYuvbPUF6LDMs97+lbah//Xx0YnFid+PBaSWxM+ZTixUmPpVGTwzzf/OBTC
        Zqgf2xOu/XufVs/895SYf2OJ+TeVmH9zifnvLTH/fSXm31Ji/q0l5t+A7UepJWgouQSl9YI23EWg9vk23JUgePx9wDOc6kiBPg9S
        oG89UqAP29MzQD9cw3tew15+y27l/5yxwTydC5IjTMPhlWs2vgD17qZH6qktRtQR06jq/Cu1ofPftG87n3RWA7cvJJ1hYCPe1+wh
        X72txTsN1vL7Hz6kzf2GYDUaPiZe1E0H1CmvUacRg4zQ8bzlD5Amz8WdpG6DLcLxFQfYT1OIrAqeVeDOfB158Gd5zZPqBhpEbDZS
        sAw+xT+f739Y1jfWGc9lNEBz0H9CxpYn5Z1+9k29+XXAzaAG/M1vhqzyrwZ+qp7NiLVLxrNz8pI9Kb8IsHh6WkD/+Q7CvLcou4Fz
        fvpoKYD/g8D0Gs7hYr7/+gtQSwECFAMUAAAACADtO35dNFFKl8UFAAAALAAACgAAAAAAAAAAAAAApIEAAAAAc2FtcGxlLmRvY1BL
        BQYAAAAAAQABADgAAADtBQAAAAA=
        """
}
