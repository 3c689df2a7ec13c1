import type { Messages } from "./en.ts";
import invitationHi from "./invitation.hi.ts";
import eventNoticesHi from "./event-notices.hi.ts";
import registrationHi from "./registration.hi.ts";

// Hindi strings of every email: the same keys as en.ts (the Messages type enforces it).
const hi: Messages = {
  layout: {
    name: "शिविर",
    versionBelow: "इस ईमेल का हिन्दी संस्करण नीचे है।",
    footerReason: "आपको यह ईमेल इसलिए मिला है क्योंकि आपके संगठन ने यह पता अपने प्रशिक्षण पोर्टल शिविर में दर्ज किया है।",
  },
  signIn: {
    subject: "शिविर में साइन इन करें",
    preview_one: "शिविर में साइन इन करने का आपका लिंक। यह {{count}} मिनट में समाप्त हो जाएगा।",
    preview_other: "शिविर में साइन इन करने का आपका लिंक। यह {{count}} मिनट में समाप्त हो जाएगा।",
    heading: "शिविर में साइन इन करें",
    greeting: "नमस्ते {{name}} जी,",
    intro: "आपके शिविर स्टाफ़ खाते में साइन इन करने का अनुरोध मिला है। साइन इन करने के लिए नीचे दिया गया बटन दबाएँ।",
    forWhom: "यह लिंक केवल {{name}} के लिए है। कृपया इसे किसी और को न भेजें।",
    button: "साइन इन करें",
    rawLink: "अगर बटन काम न करे, तो यह लिंक कॉपी करके अपने ब्राउज़र में खोलें:",
    expiry_one: "यह लिंक {{count}} मिनट में समाप्त हो जाएगा और केवल एक बार काम करेगा।",
    expiry_other: "यह लिंक {{count}} मिनट में समाप्त हो जाएगा और केवल एक बार काम करेगा।",
    ignore:
      "अगर आपने साइन इन का अनुरोध नहीं किया था, तो इस ईमेल को अनदेखा कर दें। इस लिंक के बिना कोई आपके खाते में साइन इन नहीं कर सकता।",
  },
  staffInvite: {
    subject: "शिविर में आपको आमंत्रित किया गया है",
    preview: "{{inviter}} ने आपको आपके संगठन के प्रशिक्षण पोर्टल शिविर में आमंत्रित किया है।",
    heading: "शिविर में आपका स्वागत है",
    greeting: "नमस्ते {{name}} जी,",
    invitedBy: "{{inviter}} ने आपके संगठन के प्रशिक्षण पोर्टल शिविर में आपके लिए स्टाफ़ खाता बनाया है।",
    roleLabel: "आपकी भूमिका:",
    role_admin: "प्रशासक। आप पूरा संगठन देख और बदल सकते हैं और स्टाफ़ खाते सँभाल सकते हैं।",
    role_organiser: "आयोजक।",
    role_trainer: "प्रशिक्षक। आप प्रशिक्षण सत्रों में उपस्थिति दर्ज करते हैं।",
    scoped_organiser: "{{unit}} के आयोजक। आप यह इकाई और इसके अधीन हर इकाई देख और बदल सकते हैं।",
    scoped_trainer: "{{unit}} के प्रशिक्षक। आप इसके प्रशिक्षण सत्रों में उपस्थिति दर्ज करते हैं।",
    unit: "{{name}} ({{level}}, कोड {{code}})",
    level: {
      state: "प्रदेश",
      district: "जिला",
      assembly: "विधानसभा क्षेत्र",
      block: "ब्लॉक",
      panchayat: "पंचायत",
      booth: "बूथ",
    },
    intro:
      "पहली बार साइन इन करने के लिए नीचे दिया गया बटन दबाएँ। पासवर्ड की ज़रूरत नहीं है: जब भी आप साइन इन करना चाहें, शिविर आपको ईमेल पर लिंक भेजता है।",
    button: "शिविर में साइन इन करें",
    expiry: "यह लिंक केवल एक बार काम करेगा और {{expiry}} में समाप्त हो जाएगा।",
    expiryDays_one: "{{count}} दिन",
    expiryDays_other: "{{count}} दिन",
    expiryHours_one: "{{count}} घंटे",
    expiryHours_other: "{{count}} घंटे",
    expiryMinutes_one: "{{count}} मिनट",
    expiryMinutes_other: "{{count}} मिनट",
    forWhom: "यह लिंक केवल {{name}} के लिए है। कृपया इसे किसी और को न भेजें।",
    rawLink: "अगर बटन काम न करे, तो यह लिंक कॉपी करके अपने ब्राउज़र में खोलें:",
    later:
      "लिंक इस्तेमाल होने या समाप्त होने के बाद आप कभी भी शिविर के साइन-इन पृष्ठ पर इसी ईमेल पते से नया लिंक माँग सकते हैं।",
    ignore: "अगर आपको इस आमंत्रण की उम्मीद नहीं थी, तो इस ईमेल को अनदेखा करें या {{inviter}} को बताएँ।",
  },
  invitation: invitationHi,
  eventNotices: eventNoticesHi,
  registration: registrationHi,
};

export default hi;
