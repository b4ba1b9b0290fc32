//! Decoding text files whose encoding nobody declared.

/// Decodes bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM, UTF-16 without
/// a BOM when the NUL pattern gives it away, and Windows-1252 for anything else that is
/// not binary. Returns `None` for binary data.
pub fn decode(bytes: &[u8]) -> Option<String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return accept(text.into_owned());
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return accept(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => accept(text.to_owned()),
        Err(_) => {
            // Mostly UTF-8 with a few bad bytes is still UTF-8 (a file cut mid-character,
            // or one stray byte); otherwise it is a legacy Windows file.
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy.matches('\u{FFFD}').count();
            if bad * 1000 < lossy.len() && lossy.len() > 1000 {
                return accept(lossy.into_owned());
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            accept(text.into_owned())
        }
    }
}

/// UTF-16 text of Latin script has a NUL in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 > pairs * 7 && even_nul * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul * 10 > pairs * 7 && odd_nul * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Refuses text that is mostly control characters (binary data), and removes stray NULs.
fn accept(text: String) -> Option<String> {
    let total = text.chars().count().max(1);
    let control = text
        .chars()
        .filter(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || *c == '\u{FFFD}')
        .count();
    if control * 20 > total {
        return None;
    }
    Some(text.replace('\0', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("children’s".as_bytes()).unwrap(), "children’s");
        assert_eq!(decode(b"\xEF\xBB\xBFplain").unwrap(), "plain");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Good ’".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("Good ’".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le).unwrap(), "Good ’");
        assert_eq!(decode(&be).unwrap(), "Good ’");
    }

    #[test]
    fn utf16_without_bom() {
        let le: Vec<u8> = "Inspection of Norfolk".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le).unwrap(), "Inspection of Norfolk");
    }

    #[test]
    fn windows_1252_fallback() {
        assert_eq!(decode(b"children\x92s services \x96 good").unwrap(), "children’s services – good");
    }

    #[test]
    fn binary_is_none() {
        let bytes: Vec<u8> = (0..2048u32).map(|i| (i % 32) as u8).collect();
        assert!(decode(&bytes).is_none());
    }

    #[test]
    fn stray_nul_bytes_are_dropped() {
        assert_eq!(decode(b"a\0b plain text that is long enough").unwrap(), "ab plain text that is long enough");
    }
}
