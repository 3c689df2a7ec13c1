import type { Messages } from "./en.ts";

const hi: Messages = {
  app: {
    name: "शिविर",
    tagline: "नवगठित समितियों के लिए प्रशिक्षण शिविर और सम्मेलन",
    skipToContent: "मुख्य सामग्री पर जाएँ",
    mainNav: "मुख्य नेविगेशन",
    footer: "सभी तिथियाँ और समय भारतीय मानक समय (IST) में हैं।",
  },
  language: {
    label: "भाषा",
    switchTo: "View in English",
    current: "हिन्दी",
  },
  level: {
    state: "प्रदेश",
    district: "जिला",
    assembly: "विधानसभा",
    block: "ब्लॉक",
    panchayat: "पंचायत",
    booth: "बूथ",
  },
  levelPlural: {
    state: "प्रदेश",
    district: "जिले",
    assembly: "विधानसभा क्षेत्र",
    block: "ब्लॉक",
    panchayat: "पंचायतें",
    booth: "बूथ",
  },
  home: {
    title: "संगठन एक नज़र में",
    empty: "अभी कोई संगठन इकाई नहीं है। शुरू करने के लिए इकाइयों की सूची आयात करें।",
    topLevelCaption: "{{state}}: जिले और उनकी समितियाँ",
    unit: "इकाई",
    subUnits: "अधीन इकाइयाँ",
    committeesFormed: "गठित समितियाँ",
    committeesForming: "गठन जारी",
    appointees: "पदाधिकारी",
    stateCommittee: "प्रदेश समिति",
    seatsFilled: "{{quota}} में से {{filled}} पद भरे",
    status_formed: "गठित",
    status_forming: "गठन जारी",
    updatedAt: "{{time}} तक के आँकड़े",
  },
  error: {
    title: "कुछ गड़बड़ हो गई",
    notFoundTitle: "पृष्ठ नहीं मिला",
    notFound: "यह पृष्ठ नहीं मिला। पता जाँचें, या मुख पृष्ठ पर लौटें।",
    generic: "पोर्टल यह अनुरोध पूरा नहीं कर सका। कृपया एक मिनट बाद फिर कोशिश करें।",
    backHome: "मुख पृष्ठ पर जाएँ",
    status: "त्रुटि {{status}}",
  },
};

export default hi;
