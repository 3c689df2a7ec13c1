import type { PanelMessages } from "./panels.en.ts";

const hi: PanelMessages = {
  scannerTitle: "चेक-इन पास स्कैन करें",
  scannerHelp: "पास का QR कोड कैमरे के सामने रखें।",
  photo: "पास की फ़ोटो",
  cameraFailed: "कैमरा नहीं खुल सका। इसके बजाय पास की फ़ोटो लें।",
  scanMarked: "उपस्थिति दर्ज हुई",
  scanAlready: "उपस्थिति पहले से दर्ज है",
  scanNotInvited: "इस कार्यक्रम में आमंत्रित नहीं",
  scanNotRegistered: "आमंत्रित, पर पंजीकरण नहीं किया",
  scanUnknown: "यह शिविर का पास नहीं है",
  scanNotOnRoster: "यह पास इस कार्यक्रम की सूची में नहीं है",
  scanNoCode: "फ़ोटो में QR कोड नहीं मिला। पास और रोशनी में फिर से कोशिश करें।",
  walkInTitle: "सूची में न होने वाला व्यक्ति",
  walkInHelp:
    "पहले सूची में खोजें: आमंत्रित लोग पंजीकरण न करने पर भी सूची में हैं। केवल उन्हें जोड़ें जो सूची में नहीं हैं। आयोजक बाद में इनकी जाँच करेंगे।",
  walkInName: "नाम",
  walkInPhone: "मोबाइल नंबर",
  walkInSave: "जोड़ें और उपस्थित दर्ज करें",
  cancel: "रद्द करें",
  walkInNameRequired: "व्यक्ति का नाम लिखें।",
  walkInPhoneInvalid: "10 अंकों का मोबाइल नंबर लिखें।",
};

export default hi;
