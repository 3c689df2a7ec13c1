import type { DeviceMessages } from "./device.en.ts";

const hi: DeviceMessages = {
  sessionAt: "{{time}}, {{room}}",

  loading: "सूची लोड हो रही है…",
  notStored: "यह सूची अभी इस टैबलेट पर नहीं है। इसे लोड करने के लिए एक बार नेटवर्क से जुड़ें।",
  needsScript: "टैबलेट सूची के लिए JavaScript चाहिए। कृपया नया ब्राउज़र इस्तेमाल करें।",
  pairedAs: "टैबलेट: {{name}}",
  sessions: "सत्र",
  present: "उपस्थित",
  registered: "पंजीकृत",
  invited: "आमंत्रित",
  walkIns: "बिना सूची के आए",
  searchLabel: "नाम (हिन्दी या English) या मोबाइल नंबर से खोजें",
  filterLabel: "दिखाएँ",
  filter_all: "सभी",
  filter_unmarked: "जिनकी हाज़िरी नहीं लगी",
  filter_present: "उपस्थित",
  includeInvited: "पंजीकरण न करने वाले आमंत्रित लोग भी दिखाएँ",
  committeeCount: "{{present}} उपस्थित · {{registered}} पंजीकृत · {{invited}} आमंत्रित",
  status_registered: "पंजीकृत",
  status_waitlisted: "प्रतीक्षा सूची में",
  status_declined: "मना किया",
  status_cancelled: "रद्द किया",
  status_none: "आमंत्रित, कोई उत्तर नहीं",
  markedPresent: "उपस्थित",
  notMarked: "हाज़िरी नहीं लगी",
  noMatches: "सूची में कोई मेल नहीं मिला।",
  rosterUpdated: "{{time}} की सूची",

  sync_idle: "सारी हाज़िरी भेज दी गई",
  sync_syncing: "हाज़िरी भेजी जा रही है…",
  sync_offline: "नेटवर्क नहीं: हाज़िरी इस टैबलेट पर सुरक्षित है",
  sync_error: "सर्वर से उत्तर नहीं मिला; फिर कोशिश हो रही है",
  "sync_signed-out": "साइन आउट हो गया: हाज़िरी भेजने के लिए फिर से साइन इन करें",
  sync_revoked: "इस टैबलेट का जुड़ाव वापस ले लिया गया: हाज़िरी नहीं भेजी जा सकती",
  pending_one: "{{count}} हाज़िरी भेजी जानी बाकी",
  pending_other: "{{count}} हाज़िरियाँ भेजी जानी बाकी",
  refused_one: "सर्वर ने {{count}} हाज़िरी अस्वीकार की",
  refused_other: "सर्वर ने {{count}} हाज़िरियाँ अस्वीकार कीं",
  signInAgain: "साइन इन करें",

  scan: "पास स्कैन करें",
  closeScanner: "कैमरा बंद करें",

  addWalkIn: "बिना सूची वाला व्यक्ति जोड़ें",
  walkInsHeading: "बिना सूची के आए लोग, आयोजक की जाँच बाकी",
};

export default hi;
