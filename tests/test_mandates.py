"""GOLD.md's mandate rules, one construct per row: (operative text, expected mandates).

Each row is a fresh sentence of the genre, wrapped in an enacting formula and
"Decides:"; a mandate is written (body, verb, modality, via, deadlines).
"""

from __future__ import annotations

import pytest

import wtotext

MC = "Ministerial Conference"
GC = "General Council"
CTD = "Committee on Trade and Development"


def mandates(operative: str, issuer: str = "The Ministerial Conference,") -> list[tuple[object, ...]]:
    text = f"{issuer}\n\nDecides:\n\n{operative}\n"
    d = wtotext.parse(text)
    return [(m.body.name, m.verb, m.modality.value, m.via.name if m.via else None, m.deadlines) for m in d.mandates()]


def found(text: str) -> list[tuple[str, str, str]]:
    """(body, verb, modality) of each mandate of a whole decision text."""
    return [(m.body.name, m.verb, m.modality.value) for m in wtotext.parse(text).mandates()]


CASES = [
    # rule 1: directives
    ("To instruct the General Council to review the matter.", [(GC, "review", "obligation", None, ())]),
    ("To request the CTD to report to the General Council.", [(CTD, "report", "obligation", None, ())]),
    ("To invite the Secretariat to prepare a note.", [("Secretariat", "prepare", "recommendation", None, ())]),
    ("We urge Members to notify their measures.", [("Members", "notify", "recommendation", None, ())]),
    # two directives of the issuer's in one sentence; the issuer by name ("Ministers instruct"), in the present only
    (
        "We instruct the CTD to report and invite Members to contribute.",
        [(CTD, "report", "obligation", None, ()), ("Members", "contribute", "recommendation", None, ())],
    ),
    (
        "Instructs the CTD to report and calls upon Members to contribute.",
        [(CTD, "report", "obligation", None, ()), ("Members", "contribute", "recommendation", None, ())],
    ),
    ("Ministers instruct the General Council to take the necessary decisions.", [(GC, "take", "obligation", None, ())]),
    ("Ministers instructed the General Council to take the necessary decisions.", []),
    # "authorize X to V": X may V
    (
        "To authorize the Director-General to conclude the agreement.",
        [("Director-General", "conclude", "permission", None, ())],
    ),
    (
        "The Director-General is authorized to sign the agreement.",
        [("Director-General", "sign", "permission", None, ())],
    ),
    # "required / obliged to" oblige, "called upon to" recommends; coordinated participles; a
    # negated one exempts
    ("Members are required to notify their measures.", [("Members", "notify", "obligation", None, ())]),
    ("Members shall be required to notify their measures.", [("Members", "notify", "obligation", None, ())]),
    ("Members are called upon to ratify the Protocol.", [("Members", "ratify", "recommendation", None, ())]),
    (
        "The Secretariat is requested and encouraged to assist Members.",
        [("Secretariat", "assist", "obligation", None, ())],
    ),
    ("Members are not required to notify their measures.", []),
    ("LDC Members will not be obliged to implement Section 5 until 1 January 2033.", []),
    # "neither ... nor" is a prohibition; "made available by" names the actor
    (
        "Members shall neither introduce nor maintain export subsidies.",
        [("Members", "introduce", "prohibition", None, ())],
    ),
    (
        "The notifications shall be made available by the Secretariat.",
        [("Secretariat", "make", "obligation", None, ())],
    ),
    # a passive directive in the past reports a request (rule 7)
    ("Members were invited to submit proposals.", []),
    ("At its meeting of 10 May 2027, the Committee on Agriculture was instructed to report.", []),
    ("The Secretariat has been requested to prepare a note.", []),
    (
        "Members are invited to submit proposals and the Secretariat was asked to help.",
        [("Members", "submit", "recommendation", None, ())],
    ),
    # the issuer by name states something first, then directs; "him"/"her" take the body named before
    (
        "Ministers note the report of the Director-General and request him to continue his consultations.",
        [("Director-General", "continue", "obligation", None, ())],
    ),
    (
        "We take note of the report of the Director-General and request her to continue her consultations.",
        [("Director-General", "continue", "obligation", None, ())],
    ),
    # "It" / "They" opening a sentence take the body named before, as "it" / "they" do
    (
        "The Committee on Agriculture shall examine the matter. It shall report by the end of 2028.",
        [
            ("Committee on Agriculture", "examine", "obligation", None, ()),
            ("Committee on Agriculture", "report", "obligation", None, ("2028-12-31",)),
        ],
    ),
    (
        "Members shall consult each other. They are invited to report.",
        [("Members", "consult", "obligation", None, ()), ("Members", "report", "recommendation", None, ())],
    ),
    # "This Committee" takes the body named before, as "the Committee" does
    (
        "The Trade Negotiations Committee shall meet by 31 January 2002. This Committee shall establish mechanisms.",
        [
            ("Trade Negotiations Committee", "meet", "obligation", None, ("2002-01-31",)),
            ("Trade Negotiations Committee", "establish", "obligation", None, ()),
        ],
    ),
    # "inter alia" and other parentheticals between a modal, "to" or a catenative and the verb
    (
        "The Committee on Agriculture shall inter alia examine the notifications.",
        [("Committee on Agriculture", "examine", "obligation", None, ())],
    ),
    ("We instruct the General Council to, inter alia, examine the matter.", [(GC, "examine", "obligation", None, ())]),
    (
        "Members shall endeavour, to the extent possible, to notify their measures.",
        [("Members", "notify", "obligation", None, ())],
    ),
    ("The CTD shall continue, in Dedicated Session, examining the matter.", [(CTD, "examine", "obligation", None, ())]),
    ("Members shall continue, as appropriate, their work.", [("Members", "continue", "obligation", None, ())]),
    # a directive's verb with no addressee goes on like any verb (rule 5)
    (
        "Members shall request consultations and notify the Committee.",
        [("Members", "request", "obligation", None, ()), ("Members", "notify", "obligation", None, ())],
    ),
    # "No Member shall / may": a prohibition (rule 3)
    ("No Member shall impose new restrictions.", [("Members", "impose", "prohibition", None, ())]),
    ("No Member may invoke this paragraph.", [("Members", "invoke", "prohibition", None, ())]),
    # "have" with a noun and "to" is the verb itself, a perfect is its participle's
    (
        "Members should have recourse to the good offices procedures.",
        [("Members", "have", "recommendation", None, ())],
    ),
    ("Members shall have regard to their interests.", [("Members", "have", "obligation", None, ())]),
    ("Members shall have notified the Committee.", [("Members", "notify", "obligation", None, ())]),
    # a body in a special or dedicated session, and the Doha name of the LDC Sub-Committee
    (
        "The Special Session of the Committee on Agriculture shall intensify its work.",
        [("Committee on Agriculture", "intensify", "obligation", None, ())],
    ),
    (
        "We instruct the Sub-Committee for Least-Developed Countries to design a work programme.",
        [("Sub-Committee on Least-Developed Countries", "design", "obligation", None, ())],
    ),
    # organizations outside the WTO and observer governments are actors under their full names
    (
        "We invite the World Bank and the IMF to continue their support.",
        [
            ("World Bank", "continue", "recommendation", None, ()),
            ("International Monetary Fund", "continue", "recommendation", None, ()),
        ],
    ),
    (
        "The Standards and Trade Development Facility (STDF) is invited to continue its support.",
        [("Standards and Trade Development Facility", "continue", "recommendation", None, ())],
    ),
    ("Turkmenistan shall submit a Memorandum.", [("Turkmenistan", "submit", "obligation", None, ())]),
    ("Members shall contribute to the fund.", [("Members", "contribute", "obligation", None, ())]),
    # a relative or subordinate clause on the subject, verb and all, leaves the main clause its own
    ("Members who wish to do so may submit proposals.", [("Members", "submit", "permission", None, ())]),
    (
        "Members that provide food aid shall notify the Committee on Agriculture.",
        [("Members", "notify", "obligation", None, ())],
    ),
    (
        "The CTD, which reports to the General Council, shall review the programme.",
        [(CTD, "review", "obligation", None, ())],
    ),
    (
        "The DSB, when it considers the matter, shall take into account the report.",
        [("Dispute Settlement Body", "take", "obligation", None, ())],
    ),
    ("The reports that Members shall submit will be circulated.", []),
    # "decide to V" / "resolve to V" bind the issuer as "agree to V" does
    ("Decides to extend the waiver until 31 December 2030.", [(MC, "extend", "obligation", None, ("2030-12-31",))]),
    ("We decide to establish a Working Group on Trade and Finance.", [(MC, "establish", "obligation", None, ())]),
    ("We resolve to conclude the negotiations by 2027.", [(MC, "conclude", "obligation", None, ("2027",))]),
    ("Members decided to maintain the practice.", []),
    # a class of Members, its modifiers coordinated or of the lexicon's, is still Members
    (
        "Developed and developing country Members should provide the information.",
        [("Members", "provide", "recommendation", None, ())],
    ),
    ("Small and vulnerable economy Members shall notify.", [("Members", "notify", "obligation", None, ())]),
    ("Donor Members are urged to increase their contributions.", [("Members", "increase", "recommendation", None, ())]),
    # "continue" in the present with no modal describes (rule 7); "commit to" a gerund, "commit
    # ourselves to", and "endeavour not to" (a prohibition)
    ("Least-developed country Members continue to face serious difficulties.", []),
    ("We continue to believe that the system is important.", []),
    ("Members shall continue to examine the matter.", [("Members", "examine", "obligation", None, ())]),
    (
        "Members commit to eliminating export subsidies by the end of 2028.",
        [("Members", "eliminate", "obligation", None, ("2028-12-31",))],
    ),
    ("Members shall commit to eliminating export subsidies.", [("Members", "eliminate", "obligation", None, ())]),
    ("We commit ourselves to conclude the negotiations.", [(MC, "conclude", "obligation", None, ())]),
    ("Members will endeavour not to apply such measures.", [("Members", "apply", "prohibition", None, ())]),
    # a body's chair is an actor of its own, under its full name
    (
        "The Chairperson of the General Council shall hold consultations.",
        [("Chairperson of the General Council", "hold", "obligation", None, ())],
    ),
    (
        "The regular sessions of the Committee on Agriculture shall review the matter.",
        [("Committee on Agriculture", "review", "obligation", None, ())],
    ),
    # a passive's agent after what completes the participle, and agents coordinated (rule 7)
    ("This Decision shall be kept under review by the General Council.", [(GC, "keep", "obligation", None, ())]),
    (
        "The notifications shall be circulated to Members by the Secretariat.",
        [("Secretariat", "circulate", "obligation", None, ())],
    ),
    (
        "The proposals shall be considered by the CTD and the CTE.",
        [
            (CTD, "consider", "obligation", None, ()),
            ("Committee on Trade and Environment", "consider", "obligation", None, ()),
        ],
    ),
    ("The Protocol shall hereby be open for acceptance by Members.", []),
    # a list of verbs with their objects, no comma before "and" (rule 5)
    (
        "The Secretariat shall compile the notifications, prepare a summary and circulate it to Members.",
        [
            ("Secretariat", "compile", "obligation", None, ()),
            ("Secretariat", "prepare", "obligation", None, ()),
            ("Secretariat", "circulate", "obligation", None, ()),
        ],
    ),
    (
        "Members shall provide technical assistance, support capacity building and promote trade.",
        [("Members", "provide", "obligation", None, ()), ("Members", "promote", "obligation", None, ())],
    ),
    # a catenative with a noun object is the verb itself (rule 6)
    ("We undertake all reasonable efforts to conclude the negotiations.", [(MC, "undertake", "obligation", None, ())]),
    ("We commit ourselves to the objective of duty-free market access.", [(MC, "commit", "obligation", None, ())]),
    # a commitment after a statement (which is no conduct), or after a parenthetical
    (
        "We take note of the report and agree to continue the work programme.",
        [(MC, "continue", "obligation", None, ())],
    ),
    (
        "We note the progress made and commit to conclude the negotiations by 2030.",
        [(MC, "conclude", "obligation", None, ("2030",))],
    ),
    ("Ministers take note of the report and agree to intensify the work.", [(MC, "intensify", "obligation", None, ())]),
    (
        "Members reaffirm their commitment to the Work Programme and agree to continue examining it.",
        [("Members", "examine", "obligation", None, ())],
    ),
    ("We, therefore, agree to intensify our work.", [(MC, "intensify", "obligation", None, ())]),
    ("The Committee notes that Members shall notify their measures.", [("Members", "notify", "obligation", None, ())]),
    # another body's directive stays its own conduct, its addressees' via it
    (
        "The CTD shall report and invite Members to contribute.",
        [
            (CTD, "report", "obligation", None, ()),
            (CTD, "invite", "obligation", None, ()),
            ("Members", "contribute", "recommendation", CTD, ()),
        ],
    ),
    # addressees narrowed by a phrase before their "to V" (and "to do so" only stands for it)
    (
        "We encourage Members with available surplus stocks to release them on international markets.",
        [("Members", "release", "recommendation", None, ())],
    ),
    (
        "We urge Members that have not yet done so to ratify the Protocol.",
        [("Members", "ratify", "recommendation", None, ())],
    ),
    (
        "We invite Members in a position to do so to contribute to the Trust Fund.",
        [("Members", "contribute", "recommendation", None, ())],
    ),
    (
        "To instruct the General Council in its regular sessions to review the matter.",
        [(GC, "review", "obligation", None, ())],
    ),
    ("We invite Members to the meeting in order to discuss the matter.", []),
    # a parenthetical before a directive's "to V", active or passive
    (
        "We invite the Director-General, as appropriate, to report.",
        [("Director-General", "report", "recommendation", None, ())],
    ),
    (
        "The Secretariat is requested, in cooperation with the relevant organizations, to prepare a study.",
        [("Secretariat", "prepare", "obligation", None, ())],
    ),
    # the issuer's renewed commitment; a second directive after ", and we"
    (
        "We reaffirm our commitment to conclude the negotiations by 2032.",
        [(MC, "conclude", "obligation", None, ("2032",))],
    ),
    (
        "We call upon all Members to refrain from protectionism, and we encourage the Secretariat to assist them.",
        [("Members", "refrain", "recommendation", None, ()), ("Secretariat", "assist", "recommendation", None, ())],
    ),
    # "task / entrust / charge X with V-ing" is "task X to V"
    (
        "To entrust the Council for Trade in Goods with monitoring the implementation.",
        [("Council for Trade in Goods", "monitor", "obligation", None, ())],
    ),
    ("We task the CTD with reviewing the programme by 2031.", [(CTD, "review", "obligation", None, ("2031",))]),
    ("We provide the CTD with funding.", []),
    # rule 5 with gerunds: each gerund with its own complement is a verb phrase; a bare one is a noun
    (
        "We task the CTD with examining the proposals and reporting to the General Council by July 2031.",
        [(CTD, "examine", "obligation", None, ()), (CTD, "report", "obligation", None, ("2031-07",))],
    ),
    (
        "We task the General Council with conducting the work, reviewing progress, and considering decisions.",
        [
            (GC, "conduct", "obligation", None, ()),
            (GC, "review", "obligation", None, ()),
            (GC, "consider", "obligation", None, ()),
        ],
    ),
    (
        "The CTD shall continue examining the matter and making recommendations.",
        [(CTD, "examine", "obligation", None, ()), (CTD, "make", "obligation", None, ())],
    ),
    (
        "We task the Secretariat with providing technical assistance and training.",
        [("Secretariat", "provide", "obligation", None, ())],
    ),
    # rule 1 in the style of resolutions: the issuer's verb with its subject left out
    ("Instructs the General Council to review the matter.", [(GC, "review", "obligation", None, ())]),
    ("Further requests the CTD to report by 30 June 2030.", [(CTD, "report", "obligation", None, ("2030-06-30",))]),
    ("Calls upon Members to notify their measures.", [("Members", "notify", "recommendation", None, ())]),
    (
        "Takes note of the report and invites the Secretariat to circulate it.",
        [("Secretariat", "circulate", "recommendation", None, ())],
    ),
    ("Agrees to review this Decision annually.", [(MC, "review", "obligation", None, ())]),
    ("Reaffirms that Article XVIII is a provision for developing countries.", []),
    ("Requests for extension shall be submitted to the General Council.", []),
    # a passive's agent after an adverb; a second clause with its own subject and modal
    ("The waiver shall be reviewed annually by the General Council.", [(GC, "review", "obligation", None, ())]),
    (
        "The CTD shall monitor the implementation and the Secretariat shall prepare an annual report.",
        [(CTD, "monitor", "obligation", None, ()), ("Secretariat", "prepare", "obligation", None, ())],
    ),
    (
        "The CTD shall monitor it and the Secretariat and the Director-General shall assist it.",
        [
            (CTD, "monitor", "obligation", None, ()),
            ("Secretariat", "assist", "obligation", None, ()),
            ("Director-General", "assist", "obligation", None, ()),
        ],
    ),
    (
        "Measures notified under this Decision shall be reviewed by the CTD.",
        [(CTD, "review", "obligation", None, ())],
    ),
    # rule 2: the issuer's own infinitive
    ("To adopt the Protocol annexed to this Decision.", [(MC, "adopt", "obligation", None, ())]),
    # rule 3: modals
    ("Members shall notify the Committee on Agriculture.", [("Members", "notify", "obligation", None, ())]),
    ("The General Council should consider the report.", [(GC, "consider", "recommendation", None, ())]),
    ("Developing country Members may delay the implementation.", [("Members", "delay", "permission", None, ())]),
    ("Members shall not impose export restrictions.", [("Members", "impose", "prohibition", None, ())]),
    ("An eligible Member need not require consent.", [("Members", "require", "permission", None, ())]),
    ("Members agree to negotiate an agreement.", [("Members", "negotiate", "obligation", None, ())]),
    # rule 4: We is the issuer
    ("We will review the functioning of this Decision.", [(MC, "review", "obligation", None, ())]),
    # rule 5: coordinated verbs, shared objects, purpose phrases
    (
        "The General Council shall hold a review and report to the Ministerial Conference.",
        [(GC, "hold", "obligation", None, ()), (GC, "report", "obligation", None, ())],
    ),
    ("The CTD shall examine and report on the question.", [(CTD, "examine", "obligation", None, ())]),
    (
        "The CTD shall examine the question in order to improve the procedures.",
        [(CTD, "examine", "obligation", None, ())],
    ),
    (
        "To instruct the CTD to examine the matter, to consult the Members, and to make recommendations.",
        [
            (CTD, "examine", "obligation", None, ()),
            (CTD, "consult", "obligation", None, ()),
            (CTD, "make", "obligation", None, ()),
        ],
    ),
    (
        "To instruct the General Council to hold reviews, based on the reports, to assess the progress made.",
        [(GC, "hold", "obligation", None, ())],
    ),
    # rule 6: catenatives
    ("The CTD shall continue to examine the question.", [(CTD, "examine", "obligation", None, ())]),
    ("The CTD shall continue examining the question.", [(CTD, "examine", "obligation", None, ())]),
    ("The CTD shall continue its work.", [(CTD, "continue", "obligation", None, ())]),
    # "and" + a subject + a modal opens a clause of its own, also after a parenthetical
    (
        "The Council for TRIPS shall, by 31 December 2026, decide on the extension and Members shall refrain.",
        [
            ("Council for TRIPS", "decide", "obligation", None, ("2026-12-31",)),
            ("Members", "refrain", "obligation", None, ()),
        ],
    ),
    # a directive in the passive after "and" is a clause of its own, as one after a modal is
    (
        "The CTD shall keep the matter under review, and Members are urged to engage constructively.",
        [(CTD, "keep", "obligation", None, ()), ("Members", "engage", "recommendation", None, ())],
    ),
    (
        "The Secretariat shall compile the notifications and is invited to present them.",
        [("Secretariat", "compile", "obligation", None, ()), ("Secretariat", "present", "recommendation", None, ())],
    ),
    (
        "The CTD is invited to review it and the Secretariat is invited to assist it.",
        [(CTD, "review", "recommendation", None, ()), ("Secretariat", "assist", "recommendation", None, ())],
    ),
    (
        "Members shall notify their measures and are encouraged to consult the Secretariat.",
        [("Members", "notify", "obligation", None, ()), ("Members", "consult", "recommendation", None, ())],
    ),
    ("We will endeavour to conclude the negotiations.", [(MC, "conclude", "obligation", None, ())]),
    # rule 7: statements, agentless passives, relative clauses
    ("We take note of the report of the General Council.", []),
    # a commitment not to act is a prohibition; "and to V" after it commits to act
    (
        "Members undertake not to impose export restrictions and to notify their measures.",
        [("Members", "impose", "prohibition", None, ()), ("Members", "notify", "obligation", None, ())],
    ),
    ("We agree not to impose customs duties.", [(MC, "impose", "prohibition", None, ())]),
    # a catenative in the past reports what was agreed: a statement, in every frame that reads one
    ("Ministers agreed to maintain the current practice until 31 March 2026.", []),
    ("We agreed to maintain the current practice.", []),
    ("The Committee continued to examine the matter.", []),
    ("In 2019, Members committed to notify their measures.", []),
    ("We took note of the report and agreed to continue the work programme.", []),
    ("Members agrees to notify their measures.", [("Members", "notify", "obligation", None, ())]),
    ("The waiver shall be extended until 31 December 2030.", []),
    ("This Decision shall be reviewed by the General Council.", [(GC, "review", "obligation", None, ())]),
    ("Members shall consider the reports that the CTD may submit.", [("Members", "consider", "obligation", None, ())]),
    # routing and pronouns
    (
        "To instruct the General Council to direct the relevant subsidiary bodies to frame responses.",
        [(GC, "direct", "obligation", None, ()), ("relevant WTO bodies", "frame", "obligation", GC, ())],
    ),
    (
        "To instruct the General Council to strengthen the work particularly through the CTD to examine the issues.",
        [(GC, "strengthen", "obligation", None, ()), (CTD, "examine", "obligation", GC, ())],
    ),
    # the directive understood again before a second addressee (rule 1)
    (
        "We instruct the CTD to review the programme and the Secretariat to provide support.",
        [(CTD, "review", "obligation", None, ()), ("Secretariat", "provide", "obligation", None, ())],
    ),
    (
        "Members shall assist developing countries and LDCs to participate in the work.",
        [("Members", "assist", "obligation", None, ())],
    ),
    # routed right after the addressee: the task of the body it is routed through
    (
        "We instruct the General Council particularly through the CTD to examine the issues.",
        [(CTD, "examine", "obligation", GC, ())],
    ),
    (
        "Instructs the Council for Trade in Goods, in particular through the Committee on Agriculture, to monitor it.",
        [("Committee on Agriculture", "monitor", "obligation", "Council for Trade in Goods", ())],
    ),
    (
        "We welcome the work of the Council for Trade in Goods and direct it to continue its review.",
        [("Council for Trade in Goods", "continue", "obligation", None, ())],
    ),
    (
        "We instruct the General Council to continue the work, in particular through the CTD, to examine it.",
        [(GC, "continue", "obligation", None, ()), (CTD, "examine", "obligation", GC, ())],
    ),
    # deadlines
    (
        "The General Council shall meet in its sessions of March and October 2031 and May 2032.",
        [(GC, "meet", "obligation", None, ("2031-03", "2031-10", "2032-05"))],
    ),
    ("Members shall notify by 30 June 2030.", [("Members", "notify", "obligation", None, ("2030-06-30",))]),
    # a task handed over by "be responsible for" / "be tasked with" and a gerund; with a noun, none
    (
        "The General Council shall be responsible for overseeing the work programme.",
        [(GC, "oversee", "obligation", None, ())],
    ),
    (
        "The Secretariat shall continue to be responsible for preparing the reports.",
        [("Secretariat", "prepare", "obligation", None, ())],
    ),
    ("The CTD shall be tasked with examining the proposals.", [(CTD, "examine", "obligation", None, ())]),
    ("The Secretariat shall be responsible for the preparation of the reports.", []),
    # a deadline or a floating quantifier between the modal and its verb; "not later than" is no negation
    (
        "Members shall no later than 31 December 2026 notify their measures.",
        [("Members", "notify", "obligation", None, ("2026-12-31",))],
    ),
    (
        "Members shall not later than 31 December 2026 notify their measures.",
        [("Members", "notify", "obligation", None, ("2026-12-31",))],
    ),
    ("Members shall by 2030 eliminate export subsidies.", [("Members", "eliminate", "obligation", None, ("2030",))]),
    # a period granted: "shall have until <date> to V" (the verb was read as "until")
    (
        "Developing country Members shall have until 1 January 2030 to comply with this obligation.",
        [("Members", "comply", "obligation", None, ("2030-01-01",))],
    ),
    # subjects that share a verb phrase share its deadline; "and the" starts the next body's name
    (
        "The Council for Trade in Goods and the Council for Trade in Services shall each report by June 2027.",
        [
            ("Council for Trade in Goods", "report", "obligation", None, ("2027-06",)),
            ("Council for Trade in Services", "report", "obligation", None, ("2027-06",)),
        ],
    ),
    (
        "The CTD and the Committee on Trade and Environment shall both examine the matter by June 2027.",
        [
            (CTD, "examine", "obligation", None, ("2027-06",)),
            ("Committee on Trade and Environment", "examine", "obligation", None, ("2027-06",)),
        ],
    ),
    (
        "Members shall eliminate them by the end of 2029.",
        [("Members", "eliminate", "obligation", None, ("2029-12-31",))],
    ),
    ("Members shall report no later than 1 May, 2030.", [("Members", "report", "obligation", None, ("2030-05-01",))]),
    (
        "Members will maintain the practice until our next session, which we have decided to hold in 2031.",
        [("Members", "maintain", "obligation", None, ("2031",))],
    ),
    # the instrument's own term is no deadline of the conduct before it; a sentence with
    # no conduct of another kind still qualifies it ("the moratorium will expire on that date")
    (
        "The Secretariat shall report. This Decision shall expire on 31 December 2030.",
        [("Secretariat", "report", "obligation", None, ())],
    ),
    (
        "The General Council shall review this waiver annually, and the waiver shall terminate on 31 December 2030.",
        [(GC, "review", "obligation", None, ())],
    ),
    (
        "Members shall notify the Committee of their measures. These procedures were first adopted in 1995.",
        [("Members", "notify", "obligation", None, ())],
    ),
    (
        "We agree to maintain the practice until 31 December 2025. If MC15 is delayed beyond 31 March 2026, "
        "the moratorium will expire on that date.",
        [(MC, "maintain", "obligation", None, ("2025-12-31", "2026-03-31"))],
    ),
    (
        "This Decision shall apply from 1 January 2027 and Members shall notify their measures by 30 June 2027.",
        [("Members", "notify", "obligation", None, ("2027-06-30",))],
    ),
    ("Members shall apply the Decision of 2001.", [("Members", "apply", "obligation", None, ())]),
    (
        "Members shall apply the Decision of the General Council of 30 August 2003.",
        [("Members", "apply", "obligation", None, ())],
    ),
    ("The CTD shall examine the reports received after 1 January 2026.", [(CTD, "examine", "obligation", None, ())]),
    (
        "The CTD shall report at the meeting of the General Council of 30 June 2027.",
        [(CTD, "report", "obligation", None, ("2027-06-30",))],
    ),
    (
        "The CTD shall report by 15 March 2027, taking into account the recommendations of 10 December 2026.",
        [(CTD, "report", "obligation", None, ("2027-03-15",))],
    ),
    (
        "The CTD shall examine the notifications received since 1 January 2026.",
        [(CTD, "examine", "obligation", None, ())],
    ),
    (
        "Members shall apply the rules of document G/AG/2 of 30 June 1995.",
        [("Members", "apply", "obligation", None, ())],
    ),
    (
        "1. Members shall comply with Article 6 of GATT 1994.",
        [("Members", "comply", "obligation", None, ())],
    ),
]


@pytest.mark.parametrize(("operative", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_mandate_rules(operative: str, expected: list[tuple[object, ...]]) -> None:
    assert mandates(operative) == expected


@pytest.mark.parametrize(
    ("deadline", "iso"),
    [
        ("by 1st July 2031", "2031-07-01"),
        ("by July 1, 2031", "2031-07-01"),
        ("by July 22nd 2031", "2031-07-22"),
        ("by mid-2032", "2032"),
        ("in the first quarter of 2031", "2031"),
        ("by the end of 2031", "2031-12-31"),
        # abbreviated months, and the end of a year without "the"
        ("until 31 Dec. 2031", "2031-12-31"),
        ("by 30 Sept 2031", "2031-09-30"),
        ("by Sept. 30, 2031", "2031-09-30"),
        ("by end-2031", "2031-12-31"),
        ("no later than end of 2031", "2031-12-31"),
        ("by early 2032", "2032"),
        # the end of a part of a year is its last day
        ("by the end of the first quarter of 2031", "2031-03-31"),
        ("by the end of the first half of 2031", "2031-06-30"),
        ("by the end of the third quarter of 2031", "2031-09-30"),
        ("by the end of June 2031", "2031-06-30"),
        ("at its last meeting of 2031", "2031"),
        ("by end of Feb. 2032", "2032-02-29"),
    ],
)
def test_deadlines_written_in_more_ways(deadline: str, iso: str) -> None:
    assert mandates(f"The CTD shall report {deadline}.") == [(CTD, "report", "obligation", None, (iso,))]


def test_a_relative_deadline_counts_from_the_decisions_date() -> None:
    text = (
        "DECISION OF 1 MARCH 2030\n\nThe General Council,\n\nDecides:\n\n"
        "1. Members may apply this Decision until 5 years from the date of this Decision.\n\n"
        "2. The CTD shall review it not later than six months from the date of this Decision.\n\n"
        "3. Members shall, within 90 days of the adoption of this Decision, notify their measures.\n\n"
        "4. This Decision shall be reviewed by the General Council two years after its adoption.\n"
    )
    d = wtotext.parse(text)
    assert [m.deadlines for m in d.mandates()] == [
        ("2035-03-01",),
        ("2030-09-01",),
        ("2030-05-30",),
        ("2032-03-01",),
    ]


def test_a_must_colon_frame_reaches_its_sub_items() -> None:
    text = (
        "The Ministerial Conference,\n\nDecides:\n\n1. A Member invoking this Decision must:\n\n"
        "(a) have notified the Committee on Agriculture;\n\n(b) provide any further information; and\n\n"
        "(c) the data shall be public.\n"
    )
    d = wtotext.parse(text)
    assert [(m.body.name, m.verb, m.modality.value) for m in d.mandates()] == [
        ("Members", "notify", "obligation"),
        ("Members", "provide", "obligation"),
    ]
    assert [s.number for s in d.operative[0].subitems] == ["a", "b", "c"]


@pytest.mark.parametrize(
    "lead", ["shall:", "shall, inter alia:", "shall, in particular:", "shall, upon request:", "shall, by 31 May 2027:"]
)
def test_a_modal_and_a_colon_hand_the_sub_items_their_subject(lead: str) -> None:
    text = (
        f"The General Council,\n\nDecides:\n\n1. The Sub-Committee on Least-Developed Countries {lead}\n\n"
        "(a) review the matter; and\n\n(b) make recommendations to the General Council.\n"
    )
    ldc = "Sub-Committee on Least-Developed Countries"
    assert found(text) == [
        (ldc, "review", "obligation"),
        (ldc, "make", "obligation"),
    ]


def test_a_body_established_with_terms_of_reference_gets_the_infinitives_below() -> None:
    # the accession formula: the issuer establishes, the Working Party does the tasks
    text = (
        "The General Council,\n\nDecides:\n\n1. To establish a Working Party on the Accession of Turkmenistan "
        "with the following terms of reference:\n\n(a) to examine the application of Turkmenistan; and\n\n"
        "(b) to submit to the General Council recommendations.\n"
    )
    party = "Working Party on the Accession of Turkmenistan"
    assert found(text) == [
        (GC, "establish", "obligation"),
        (party, "examine", "obligation"),
        (party, "submit", "obligation"),
    ]


def test_a_body_s_list_of_functions_gives_it_the_infinitives_below() -> None:
    text = (
        "The General Council,\n\nDecides:\n\n1. A Working Group on Trade and Climate is hereby established. "
        "The Working Group shall have the following terms of reference:\n\n"
        "(a) to examine the relationship between trade and climate change;\n\n"
        "(b) to report to the General Council by July 2027.\n"
    )
    d = wtotext.parse(text)
    assert [(m.body.name, m.verb, m.modality.value, m.deadlines) for m in d.mandates()] == [
        ("Working Group on Trade and Climate", "examine", "obligation", ()),
        ("Working Group on Trade and Climate", "report", "obligation", ("2027-07",)),
    ]


def test_a_bare_subject_over_sub_items_with_their_own_modals() -> None:
    text = (
        "The General Council,\n\nDecides:\n\n1. Members:\n\n(a) shall notify the Committee on Agriculture; and\n\n"
        "(b) should provide technical assistance.\n\n2. Members shall:\n\n(a) notify the CTD; and\n\n"
        "(b) not impose restrictions.\n"
    )
    assert found(text) == [
        ("Members", "notify", "obligation"),
        ("Members", "provide", "recommendation"),
        ("Members", "notify", "obligation"),
        ("Members", "impose", "prohibition"),
    ]


def test_items_written_on_after_a_directive_or_a_commitment_ending_in_to_colon() -> None:
    text = (
        "The Ministerial Conference,\n\nDecides:\n\n1. To instruct the CTD to: (i) review the notifications; "
        "(ii) identify best practices; and (iii) report to the General Council.\n\n"
        "2. Members agree to: (a) notify the Committee on Agriculture; and (b) consult the Secretariat.\n"
    )
    assert found(text) == [
        (CTD, "review", "obligation"),
        (CTD, "identify", "obligation"),
        (CTD, "report", "obligation"),
        ("Members", "notify", "obligation"),
        ("Members", "consult", "obligation"),
    ]


def test_a_clause_after_the_last_sub_item_has_the_lead_ins_subject() -> None:
    text = (
        "The General Council,\n\nDecides:\n\n1. Members shall notify:\n\n(a) their measures; and\n\n"
        "(b) their programmes,\n\nand shall report annually to the Committee on Agriculture.\n\n"
        "2. Members:\n\n(a) shall notify the CTD; and\n\n"
        "(b) the Secretariat shall prepare a note and shall circulate it.\n"
    )
    d = wtotext.parse(text)
    assert [(m.body.name, m.verb) for m in d.mandates()] == [
        ("Members", "notify"),
        ("Members", "report"),
        ("Members", "notify"),
        ("Secretariat", "prepare"),
        ("Secretariat", "circulate"),
    ]


def test_sub_items_that_open_on_a_phrase_a_directive_verb_or_a_gerund() -> None:
    text = (
        "The General Council,\n\nDecides:\n\n1. Members shall:\n\n(a) where possible, provide information; and\n\n"
        "(b) request consultations.\n\n2. The Secretariat shall be responsible for:\n\n"
        "(a) examining the notifications; and\n\n(b) preparing a report.\n"
    )
    assert found(text) == [
        ("Members", "provide", "obligation"),
        ("Members", "request", "obligation"),
        ("Secretariat", "examine", "obligation"),
        ("Secretariat", "prepare", "obligation"),
    ]


def test_a_lead_ins_deadline_reaches_the_items_that_have_none_of_their_own() -> None:
    text = (
        "The General Council,\n\nDecides:\n\n1. Members shall, by 31 May 2027:\n\n"
        "(a) notify the Committee on Agriculture; and\n\n(b) consult the Secretariat by 30 June 2027.\n"
    )
    d = wtotext.parse(text)
    assert [(m.verb, m.deadlines) for m in d.mandates()] == [("notify", ("2027-05-31",)), ("consult", ("2027-06-30",))]


def test_items_written_on_in_the_paragraph_after_a_modal_and_a_colon() -> None:
    text = (
        "The General Council,\n\nDecides:\n\n1. Each Member shall: (i) notify the CTD by 30 June 2027; "
        "(ii) not impose restrictions; and (iii) report to the Committee on Agriculture.\n"
    )
    d = wtotext.parse(text)
    assert [(m.body.name, m.verb, m.modality.value, m.deadlines) for m in d.mandates()] == [
        ("Members", "notify", "obligation", ("2027-06-30",)),
        ("Members", "impose", "prohibition", ()),
        ("Members", "report", "obligation", ()),
    ]


@pytest.mark.parametrize(
    ("lead", "body"), [("Members agree:", "Members"), ("Members undertake:", "Members"), ("We agree:", MC)]
)
def test_a_commitment_ending_in_a_colon_gives_its_infinitive_sub_items_to_its_subject(lead: str, body: str) -> None:
    text = (
        f"The Ministerial Conference,\n\nDecides:\n\n1. {lead}\n\n"
        "(a) to refrain from imposing export restrictions; and\n\n(b) to notify the Committee on Agriculture.\n"
    )
    assert found(text) == [
        (body, "refrain", "obligation"),
        (body, "notify", "obligation"),
    ]


@pytest.mark.parametrize(
    ("lead", "body", "modality"),
    [
        ("We agree to:", MC, "obligation"),
        ("Members agree to:", "Members", "obligation"),
        ("We instruct the CTD to:", CTD, "obligation"),
        ("To invite the Secretariat to:", "Secretariat", "recommendation"),
        ("The CTD shall continue to:", CTD, "obligation"),
        ("Further agrees to:", MC, "obligation"),
    ],
)
def test_a_lead_in_ending_in_to_colon_gives_its_sub_items_verbs(lead: str, body: str, modality: str) -> None:
    text = (
        f"The Ministerial Conference,\n\nDecides:\n\n1. {lead}\n\n"
        "(a) enhance transparency; and\n\n(b) report to the General Council by the end of 2031.\n"
    )
    d = wtotext.parse(text)
    assert [(m.body.name, m.verb, m.modality.value, m.deadlines) for m in d.mandates()] == [
        (body, "enhance", modality, ()),
        (body, "report", modality, ("2031-12-31",)),
    ]


@pytest.mark.parametrize(
    ("issuer", "operative", "body"),
    [
        (
            "The Committee on Technical Barriers to Trade,",
            "The Committee shall review these procedures.",
            "Committee on Technical Barriers to Trade",
        ),
        (
            "The Council for Trade in Goods,",
            "The Council shall review the matter annually.",
            "Council for Trade in Goods",
        ),
        # a body named before it comes first
        (
            "The Council for Trade in Goods,",
            "The Committee on Agriculture shall meet. The Committee shall report.",
            "Committee on Agriculture",
        ),
    ],
)
def test_a_short_name_with_nothing_named_before_is_the_issuer(issuer: str, operative: str, body: str) -> None:
    assert [m[0] for m in mandates(operative, issuer)][-1] == body


def test_an_unknown_body_is_an_actor_under_its_full_name_with_a_diagnostic() -> None:
    d = wtotext.parse(
        "The General Council,\n\nDecides:\n\n1. The Committee on Rules of Origin shall report to the General Council.\n"
    )
    [m] = d.mandates()
    assert (m.body.name, m.body.known) == ("Committee on Rules of Origin", False)
    assert any(x.code == "unknown-actor" and "Committee on Rules of Origin" in x.message for x in d.diagnostics)


def test_non_breaking_hyphens_are_hyphens() -> None:
    # word processors write "Director\u2011General" with U+2011; spans still point at the source
    text = (
        "The General Council,\n\nDecides:\n\n1. The Director\u2011General is requested to report, and the "
        "Sub\u2011Committee on Least\u2011Developed Countries shall meet.\n"
    )
    d = wtotext.parse(text)
    found = [(m.body.name, m.verb, m.body.span.slice(d.text) if m.body.span else None) for m in d.mandates()]
    assert found == [
        ("Director-General", "report", "The Director\u2011General"),
        (
            "Sub-Committee on Least-Developed Countries",
            "meet",
            "the Sub\u2011Committee on Least\u2011Developed Countries",
        ),
    ]
    assert "Director-General" in d.operative[0].text


@pytest.mark.parametrize(("subject", "name"), [("Cuba", "Cuba"), ("The European Union", "European Union")])
def test_a_member_named_by_itself_is_a_known_actor(subject: str, name: str) -> None:
    d = wtotext.parse(
        f"The General Council,\n\nDecides:\n\n1. {subject} shall report annually to the General Council.\n"
    )
    [m] = d.mandates()
    assert (m.body.name, m.body.known, m.body.surface) == (name, True, subject)
    assert not d.diagnostics


def test_lettered_items_with_no_numbered_parent_are_the_paragraphs() -> None:
    d = wtotext.parse(
        "The General Council,\n\nDecides:\n\n(a) to instruct the CTD to report by June 2026;\n\n"
        "(b) that Members shall notify their measures; and\n\n(c) to review this Decision in 2027.\n"
    )
    assert [p.number for p in d.operative] == ["a", "b", "c"]
    assert [[(m.body.name, m.verb, m.deadlines) for m in p.all_mandates()] for p in d.operative] == [
        [(CTD, "report", ("2026-06",))],
        [("Members", "notify", ())],
        [(GC, "review", ("2027",))],
    ]


def test_paragraphs_that_open_on_the_issuers_verb_are_operative() -> None:
    """Resolution style, with and without "Decides:": every such block is a paragraph of its own."""
    body = (
        "Instructs the Council for TRIPS to continue its work;\n\n"
        "Further requests the Secretariat to circulate the report by June 2031;\n\n"
        "Takes note of the report of the CTD.\n"
    )
    for marker in ("Decides:\n\n", ""):
        d = wtotext.parse(f"The General Council,\n\nRecalling the Decision of 2001;\n\n{marker}{body}")
        assert [r.opener for r in d.preamble] == ["Recalling"]
        assert [p.text.split()[0] for p in d.operative] == ["Instructs", "Further", "Takes"]
        assert [(m.body.name, m.verb, m.deadlines) for m in d.mandates()] == [
            ("Council for TRIPS", "continue", ()),
            ("Secretariat", "circulate", ("2031-06",)),
        ]


def test_a_ministerial_declaration_without_an_enacting_formula_is_the_conferences() -> None:
    for header in ("MINISTERIAL DECLARATION ON THE WTO RESPONSE TO THE PANDEMIC", "WT/MIN(22)/31"):
        d = wtotext.parse(f"{header}\n\nAdopted on 17 June 2022\n\n1. We call upon Members to share information.\n")
        assert d.issuer == MC


def test_a_label_that_is_an_issuer_verb_is_no_paragraph() -> None:
    d = wtotext.parse("The General Council,\n\nDecides:\n\n1. Members shall notify the CTD.\n\nNotes:\n\n[1] WT/L/1.\n")
    assert len(d.operative) == 1
    assert "Notes:" in [n.text for n in d.noise]


def test_an_unknown_body_with_two_mandates_is_reported_once() -> None:
    d = wtotext.parse(
        "The General Council,\n\nDecides:\n\n1. Instructs the Committee on Market Access to examine the "
        "question and to report to the General Council.\n"
    )
    assert [m.verb for m in d.mandates()] == ["examine", "report"]
    assert [x.code for x in d.diagnostics] == ["unknown-actor"]


def test_a_verb_phrase_ends_before_the_next_clauses_subject() -> None:
    d = wtotext.parse(
        "The General Council,\n\nDecides:\n\n1. The Director-General shall report to the General Council "
        "on the progress achieved, and Members shall cooperate with the Secretariat.\n"
    )
    assert [(m.body.name, m.action) for m in d.mandates()] == [
        ("Director-General", "report to the General Council on the progress achieved"),
        ("Members", "cooperate with the Secretariat"),
    ]


def test_a_chain_of_thousands_of_coordinated_verb_phrases_is_read_without_deep_recursion() -> None:
    # each coordinated phrase used to be read by a call inside the one before: RecursionError
    text = "Members shall " + " and ".join(["examine the matter"] * 3000) + "."
    d = wtotext.parse(f"The General Council,\n\nDecides:\n\n1. {text}\n")
    assert len(d.mandates()) == 3000
    assert {(m.body.name, m.verb) for m in d.mandates()} == {("Members", "examine")}
