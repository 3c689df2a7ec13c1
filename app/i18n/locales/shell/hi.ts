import type { ShellMessages } from "./en.ts";

const hi: ShellMessages = {
  app: {
    name: "शिविर",
    tagline: "नवगठित समितियों के लिए प्रशिक्षण शिविर और सम्मेलन",
    skipToContent: "मुख्य सामग्री पर जाएँ",
    mainNav: "मुख्य नेविगेशन",
    menu: "मेन्यू",
    footer: "सभी तिथियाँ और समय भारतीय मानक समय (IST) में हैं।",
  },
  language: {
    label: "भाषा",
    switchTo: "View in English",
    current: "हिन्दी",
  },
  nav: {
    units: "संगठन",
    appointees: "पदाधिकारी",
    imports: "आयात",
    events: "कार्यक्रम",
    staff: "स्टाफ़",
    tablet: "उपस्थिति",
    dashboard: "डैशबोर्ड",
    reports: "रिपोर्ट",
    programmes: "प्रशिक्षण",
  },
  auth: {
    signOut: "साइन आउट",
    signIn: "साइन इन",
    signedInAs: "{{name}} के रूप में साइन इन",
    forbidden: "आपको इस पृष्ठ तक पहुँच नहीं है।",
  },
  outbox: {
    title: "आउटबॉक्स",
  },
  mailAlarm: {
    stuck: "मेल अटकी है: संदेश {{minutes}} मिनट से अधिक समय से भेजे जाने की प्रतीक्षा में हैं। आउटबॉक्स देखें।",
    failing: "मेल विफल हो रही है: पिछले 30 मिनट में {{count}} संदेश विफल हुए। आउटबॉक्स देखें।",
    openOutbox: "आउटबॉक्स खोलें",
  },
  error: {
    title: "कुछ गड़बड़ हो गई",
    notFoundTitle: "पृष्ठ नहीं मिला",
    notFound: "यह पृष्ठ नहीं मिला। पता जाँचें, या मुख पृष्ठ पर लौटें।",
    generic: "पोर्टल यह अनुरोध पूरा नहीं कर सका। कृपया एक मिनट बाद फिर कोशिश करें।",
    backHome: "मुख पृष्ठ पर जाएँ",
    status: "त्रुटि {{status}}",
    forbiddenTitle: "पहुँच नहीं",
  },
};

export default hi;
