"""Real sentences in the scripts search must keep whole, each with a word from its middle.

(script, sentence, inner word, English meaning). The inner words carry vowel signs,
viramas or nuktas that Whoosh's default tokenizer cut words apart at, or are CJK runs
it kept as one giant token.
"""

from __future__ import annotations

SENTENCES = [
    (
        "Devanagari",
        "भुगतान विफल हो गया क्योंकि बैंक का सर्वर धीमा था।",
        "विफल",
        "The payment failed because the bank's server was slow.",
    ),
    (
        "Bengali",
        "লেনদেন ব্যর্থ হয়েছে কারণ সার্ভার ধীর ছিল।",
        "ব্যর্থ",
        "The transaction failed because the server was slow.",
    ),
    (
        "Gurmukhi",
        "ਭੁਗਤਾਨ ਅਸਫਲ ਹੋ ਗਿਆ ਕਿਉਂਕਿ ਸਰਵਰ ਹੌਲੀ ਸੀ।",
        "ਹੌਲੀ",
        "The payment failed because the server was slow.",
    ),
    (
        "Gujarati",
        "ચુકવણી નિષ્ફળ ગઈ કારણ કે સર્વર ધીમું હતું.",
        "નિષ્ફળ",
        "The payment failed because the server was slow.",
    ),
    ("Tamil", "தரவுத்தளம் மிகவும் மெதுவாக இயங்குகிறது.", "மெதுவாக", "The database runs very slowly."),
    (
        "Telugu",
        "చెల్లింపు విఫలమైంది ఎందుకంటే సర్వర్ నెమ్మదిగా ఉంది.",
        "విఫలమైంది",
        "The payment failed because the server is slow.",
    ),
    (
        "Kannada",
        "ಪಾವತಿ ವಿಫಲವಾಗಿದೆ ಏಕೆಂದರೆ ಸರ್ವರ್ ನಿಧಾನವಾಗಿತ್ತು.",
        "ವಿಫಲವಾಗಿದೆ",
        "The payment has failed because the server was slow.",
    ),
    (
        "Malayalam",
        "പണമടയ്ക്കൽ പരാജയപ്പെട്ടു കാരണം സെർവർ മന്ദഗതിയിലായിരുന്നു.",
        "പരാജയപ്പെട്ടു",
        "The payment failed because the server was slow.",
    ),
    (
        "Chinese",
        "我们为数据库索引设计了新的结构。",
        "数据库",
        "We designed a new structure for the database index.",
    ),
    ("Japanese", "データベースの索引が遅くなった。", "遅く", "The database's index became slow."),
]
