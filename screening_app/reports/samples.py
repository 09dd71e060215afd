"""A fictional referral report in several languages, for demos, screenshots and tests.

Everyone in it is invented ("Demo Person", "Example Reception Centre"); the answers are
written to show every part of a report, not taken from any interview.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from screening_app.reports.model import (
    Alerts,
    AnsweredQuestion,
    ConsentScope,
    FormRef,
    Interpreter,
    Officer,
    PersonBlock,
    Recipient,
    ReferralReport,
    Text,
)

SAMPLE_LANGUAGES = ("en", "ar", "fa", "ti", "bn", "uk")

# Each entry: the same sentence in every sample language.
_TEXTS: Mapping[str, Mapping[str, str]] = {
    "s_safety": {
        "en": "Safety and urgent needs",
        "ar": "السلامة والاحتياجات العاجلة",
        "fa": "امنیت و نیازهای فوری",
        "ti": "ድሕንነትን ህጹጽ ድሌታትን",
        "bn": "নিরাপত্তা ও জরুরি প্রয়োজন",
        "uk": "Безпека та невідкладні потреби",
    },
    "s_journey": {
        "en": "Journey, work and documents",
        "ar": "الرحلة والعمل والوثائق",
        "fa": "سفر، کار و مدارک",
        "ti": "ጉዕዞ፣ ስራሕን ሰነዳትን",
        "bn": "যাত্রা, কাজ ও কাগজপত্র",
        "uk": "Дорога, робота та документи",
    },
    "q_safe": {
        "en": "Do you feel safe where you are staying now?",
        "ar": "هل تشعر بالأمان في المكان الذي تقيم فيه الآن؟",
        "fa": "آیا در جایی که اکنون می‌مانید احساس امنیت می‌کنید؟",
        "ti": "ኣብቲ ሕጂ እትነብረሉ ቦታ ውሑስ ኮይኑ ይስምዓካ ድዩ?",
        "bn": "আপনি এখন যেখানে থাকছেন সেখানে কি নিরাপদ বোধ করেন?",
        "uk": "Чи почуваєтеся ви в безпеці там, де зараз живете?",
    },
    "q_doctor": {
        "en": "Do you need to see a doctor today?",
        "ar": "هل تحتاج إلى رؤية طبيب اليوم؟",
        "fa": "آیا امروز نیاز دارید پزشک را ببینید؟",
        "ti": "ሎሚ ሓኪም ክትርኢ የድልየካ ድዩ?",
        "bn": "আজ কি আপনার ডাক্তার দেখানো দরকার?",
        "uk": "Чи потрібно вам сьогодні до лікаря?",
    },
    "q_paid": {
        "en": "Who paid for your journey?",
        "ar": "من دفع تكاليف رحلتك؟",
        "fa": "چه کسی هزینهٔ سفر شما را پرداخت کرد؟",
        "ti": "ንጉዕዞኻ መን ከፊሉ?",
        "bn": "আপনার যাত্রার খরচ কে দিয়েছে?",
        "uk": "Хто заплатив за вашу дорогу?",
    },
    "q_documents": {
        "en": "Do you have your identity documents with you?",
        "ar": "هل وثائق هويتك معك؟",
        "fa": "آیا مدارک هویتی‌تان همراه شماست؟",
        "ti": "ሰነዳት መንነትካ ምሳኻ ድዮም ዘለዉ?",
        "bn": "আপনার পরিচয়পত্র কি আপনার কাছে আছে?",
        "uk": "Чи є у вас із собою документи, що посвідчують особу?",
    },
    "q_leave": {
        "en": "Can you leave your workplace when you want?",
        "ar": "هل يمكنك مغادرة مكان عملك متى شئت؟",
        "fa": "آیا می‌توانید هر وقت بخواهید محل کارتان را ترک کنید؟",
        "ti": "ኣብ ዝደለኻዮ ግዜ ካብ ቦታ ስራሕካ ክትወጽእ ትኽእል ዶ?",
        "bn": "আপনি কি যখন খুশি কাজের জায়গা ছেড়ে যেতে পারেন?",
        "uk": "Чи можете ви піти з місця роботи, коли захочете?",
    },
    "a_yes": {"en": "Yes", "ar": "نعم", "fa": "بله", "ti": "እወ", "bn": "হ্যাঁ", "uk": "Так"},
    "a_no": {"en": "No", "ar": "لا", "fa": "خیر", "ti": "ኣይፋል", "bn": "না", "uk": "Ні"},
    "a_paid": {
        "en": "A man from my town arranged everything. He said I would pay him back by working.",
        "ar": "رجل من بلدتي رتّب كل شيء. قال إنني سأسدد له المبلغ بالعمل.",
        "fa": "مردی از شهر من همه چیز را ترتیب داد. گفت که با کار کردن بدهی‌ام را به او پس می‌دهم.",
        "ti": "ካብ ከተማይ ዝመጸ ሰብኣይ ኩሉ ኣዳለወ። ብስራሕ ክኸፍሎ ምዃነይ ነገረኒ።",
        "bn": "আমার শহরের একজন লোক সবকিছু ঠিক করেছিল। সে বলেছিল আমি কাজ করে তার টাকা শোধ করব।",
        "uk": "Чоловік з мого міста все організував. Він сказав, що я відпрацюю борг.",
    },
    "a_documents": {
        "en": "No, the employer keeps them.",
        "ar": "لا، صاحب العمل يحتفظ بها.",
        "fa": "نه، کارفرما آن‌ها را نگه می‌دارد.",
        "ti": "ኣይፋል፣ እቲ ወሃቢ ስራሕ ሒዙዎም ኣሎ።",
        "bn": "না, মালিক সেগুলো রেখে দিয়েছে।",
        "uk": "Ні, їх тримає роботодавець.",
    },
    "gender": {
        "en": "Female",
        "ar": "أنثى",
        "fa": "زن",
        "ti": "ጓል ኣንስተይቲ",
        "bn": "নারী",
        "uk": "Жінка",
    },
    "r_debt": {
        "en": "Debt bondage: the journey is to be repaid through work.",
        "ar": "عبودية الدين: يجب سداد تكاليف الرحلة بالعمل.",
        "fa": "بردگی بدهی: هزینهٔ سفر باید با کار پرداخت شود.",
        "ti": "ባርነት ዕዳ: ወጻኢ ጉዕዞ ብስራሕ ክኽፈል ኣለዎ።",
        "bn": "ঋণের দাসত্ব: যাত্রার খরচ কাজ করে শোধ করতে হবে।",
        "uk": "Боргова кабала: дорогу треба відпрацювати.",
    },
    "r_documents": {
        "en": "Identity documents are kept by the employer.",
        "ar": "صاحب العمل يحتفظ بوثائق الهوية.",
        "fa": "کارفرما مدارک هویتی را نگه می‌دارد.",
        "ti": "ሰነዳት መንነት ኣብ ኢድ ወሃቢ ስራሕ እዮም።",
        "bn": "পরিচয়পত্র মালিকের কাছে রাখা আছে।",
        "uk": "Документи, що посвідчують особу, тримає роботодавець.",
    },
    "r_leave": {
        "en": "Not free to leave the workplace.",
        "ar": "لا يستطيع الشخص مغادرة مكان العمل بحرية.",
        "fa": "فرد آزاد نیست محل کار را ترک کند.",
        "ti": "ካብ ቦታ ስራሕ ብናጽነት ክወጽእ ኣይክእልን።",
        "bn": "কাজের জায়গা ছেড়ে যাওয়ার স্বাধীনতা নেই।",
        "uk": "Немає свободи залишити місце роботи.",
    },
    "r_combination": {
        "en": "Deception, exploitation and coercion are all present: reasonable grounds for a "
        "referral.",
        "ar": "الخداع والاستغلال والإكراه حاضرة كلها: توجد أسباب معقولة للإحالة.",
        "fa": "فریب، بهره‌کشی و اجبار همه وجود دارند: دلایل معقول برای ارجاع.",
        "ti": "ምትላል፣ ምዝመዛን ግዴታን ኩሎም ኣለዉ: ንምልኣኽ ርትዓዊ ምኽንያት ኣሎ።",
        "bn": "প্রতারণা, শোষণ ও জবরদস্তি তিনটিই আছে: রেফারেলের যুক্তিসঙ্গত কারণ রয়েছে।",
        "uk": "Наявні обман, експлуатація та примус: є обґрунтовані підстави для перенаправлення.",
    },
}


def sample_text(key: str, language: str) -> str:
    """One sample sentence in one language (English when the sample lacks that language)."""
    versions = _TEXTS[key]
    return versions.get(language, versions["en"])


def _translated(key: str) -> Text:
    """A text written in English and translated into every sample language."""
    return Text(_TEXTS[key])


def _said(key: str, spoken: str) -> Text:
    """A free-text answer as the person gave it in ``spoken``, with an English rendering."""
    versions = _TEXTS[key]
    original = versions.get(spoken, versions["en"])
    return Text({spoken: original, "en": versions["en"]})


def _answers(interview: str) -> tuple[AnsweredQuestion, ...]:
    def item(section: str, question: str, answer: Text) -> AnsweredQuestion:
        return AnsweredQuestion(
            _translated(section), _translated(question), answer, interview, interview
        )

    return (
        item("s_safety", "q_safe", _translated("a_no")),
        item("s_safety", "q_doctor", _translated("a_yes")),
        item("s_journey", "q_paid", _said("a_paid", interview)),
        item("s_journey", "q_documents", _said("a_documents", interview)),
        item("s_journey", "q_leave", _translated("a_no")),
    )


def _interview_language(language: str, second_language: str | None) -> str:
    """The language the sample interview was held in: the one that is not English."""
    if second_language is not None and second_language != "en":
        return second_language
    return language


def sample_report(
    language: str = "en",
    second_language: str | None = None,
    *,
    interview_language: str | None = None,
    repeat_answers: int = 1,
) -> ReferralReport:
    """A complete fictional report. ``repeat_answers`` > 1 makes it run over several pages."""
    interview = interview_language or _interview_language(language, second_language)
    return ReferralReport(
        office="Example Reception Centre",
        officer=Officer("Officer Example", "+39 000 000 0000"),
        report_date=date(2025, 3, 14),
        case_id="CASE-2025-0042",
        recipient=Recipient("Example Shelter Association", "shelter"),
        language=language,
        second_language=second_language,
        urgency="immediate",
        outcome="refer_nrm",
        reasons=tuple(
            _translated(key) for key in ("r_debt", "r_documents", "r_leave", "r_combination")
        ),
        services=("medical", "shelter", "legal", "reflection_period", "interpreter", "information"),
        reflection_period_end=date(2025, 4, 13),
        alerts=Alerts(urgent_medical=True),
        consent=ConsentScope(recipient_kinds=("nrm", "shelter", "health"), law_enforcement=False),
        interview_languages=tuple(dict.fromkeys((interview, "en"))),
        interpreters=(Interpreter("Interpreter Example", tuple(dict.fromkeys((interview, "en")))),),
        forms=(FormRef("first-line-screening", "1.0.0"),),
        rules_version="ilo-2009/1",
        answers=_answers(interview) * repeat_answers,
        person=PersonBlock(
            display_name="Demo Person",
            date_of_birth="2001-06",
            nationality="ER",
            gender=_translated("gender"),
            languages=tuple(dict.fromkeys((interview, "en"))),
        ),
    )
