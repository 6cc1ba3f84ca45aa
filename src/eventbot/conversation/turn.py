"""One message's work inside its transaction: the registration form or the engine answers it,
and what the turn decided (a registration, a cancellation, an erasure) is carried out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..engine import Choice, Engine, Incoming, Outcome, Reply, State
from ..engine.intents import ACTIONS, SOCIAL, Intent
from ..errors import AlreadyRegistered, EventFull
from ..knowledge import Event
from ..knowledge import moments as m
from ..registration import flow
from ..registration.desk import LIVE, RegistrationDesk, Status
from ..registration.flow import Effect, Form, FormContext, FormReply, Step
from ..registration.form import yes_or_no
from ..reminders import plan, subscriptions
from ..reminders.plan import MomentKind
from ..storage.models import Attendee, Handoff, Identity, Registration

REMINDER_ACTIONS = (Intent.REMIND, Intent.MY_REMINDERS, Intent.STOP_REMINDERS)
#: A button under an answer about a deadline: "remind:<event id>:<the deadline's fact>".
REMIND_CHOICE = "remind:"


class Turn:
    """One message's work inside its transaction."""

    def __init__(
        self,
        engine: Engine,
        desk: RegistrationDesk,
        session: AsyncSession,
        identity: Identity,
        now: dt.datetime,
        *,
        public: bool = False,
        may_have_offer: bool = True,
        channel: str = "",
        zone: dt.tzinfo | None = None,
    ) -> None:
        self.channel = channel
        self.zone = zone  # the attendee's, when the channel knows it: "in my time"
        self.public = public
        self.may_have_offer = may_have_offer
        self.engine = engine
        self.desk = desk
        self.session = session
        self.identity = identity
        self.now = now
        self.forgotten = False
        self.phrases = engine.phrases

    async def _attendee_id(self) -> int:
        """The attendee's id; someone new is written to the database first (only when needed)."""
        if self.identity.attendee_id is None:
            await self.session.flush()
        return self.identity.attendee_id

    def say(self, key: str, event: Event | None = None, **values: object) -> str:
        return self.phrases.say(key, e=event.label if event else None, **values)

    async def answer(
        self, state: State, text: str, choice: str | None, intent: str | None = None
    ) -> Outcome:
        if text and not choice and (not state.form or self._asks(text)):
            state.language = self.engine.language_of(text, state)  # a form's answers tell none
        self.phrases = self.engine.phrases_for(state)
        if choice and choice.startswith(REMIND_CHOICE):
            event_id, _, fact = choice.removeprefix(REMIND_CHOICE).partition(":")
            event = self.engine.events.get(event_id)
            if event is not None:
                await self._attendee_id()
                state.event = event.id
                said = await self._remind(event, [fact])
                return self._say(state, [said], event, intent=Intent.REMIND)
        if state.form:
            form = Form.from_dict(state.form)
            event = self.engine.events.get(form.event)
            if event is not None or form.step is Step.FORGETTING:  # erasure concerns no one event
                return await self._form_turn(state, form, event, text, choice)
            state.form = None  # its event is gone from the knowledge base
        outcome = self.engine.handle(
            Incoming(text, choice, intent, zone=self.zone), state, self.now
        )
        if outcome.action and self.public:  # a group: nothing personal is done or shown there
            return self._say(outcome.state, [self.say("private_only")], None, intent=outcome.action)
        if outcome.action:
            return await self._act(outcome, text)
        return await self._with_offer(outcome)

    # -- the registration form -------------------------------------------------------------

    async def _form_turn(
        self, state: State, form: Form, event: Event | None, text: str, choice: str | None
    ) -> Outcome:
        desk = FormContext(event, self.phrases)
        turn = (
            FormReply([], form, question=True)
            if not choice and self._asks(text)
            else flow.advance(desk, form, choice or text)
        )
        if turn.question:
            answered = self.engine.handle(
                Incoming(text, zone=self.zone), replace(state, form=None), self.now
            )
            if (
                answered.action
            ):  # "cancel my registration" in the middle of the form: the form gives way
                answered.state.form = None
                return await self._act(answered, text)
            again = flow.reprompt(desk, form)
            return self._outcome(
                answered.state,
                [*[r.text for r in answered.replies], self.say("form_resume")],
                again,
                event,
                intents=answered.intents,
                handoff=answered.handoff,
                facts=answered.facts,
            )
        if turn.effect is not None:
            return await self._effect(state, form, event, turn.effect)
        return self._outcome(state, [], turn, event, intents=[Intent.REGISTER])

    async def _effect(
        self, state: State, form: Form, event: Event | None, effect: Effect
    ) -> Outcome:
        attendee_id = await self._attendee_id()
        registration = (
            await self.desk.by_reference(self.session, form.reference) if form.reference else None
        )
        if effect is Effect.FORGET:  # the one step about no event
            return await self._forget(state)
        if event is None:
            return self._say(state, [self.say("not_registered")], None)
        if effect is Effect.SUBMIT and registration is not None:
            try:
                await self.desk.update(self.session, registration, form.answers, self.now)
            except AlreadyRegistered as clash:
                return self._say(
                    state,
                    [
                        self.say(
                            "already_registered",
                            event,
                            email=clash.registration.email,
                            reference=clash.registration.reference,
                            status=self._status(clash.registration),
                        )
                    ],
                    event,
                )
            return self._say(
                state, [self.say("updated", event, reference=registration.reference)], event
            )
        if effect is Effect.SUBMIT:
            closed = self._window_closed(event)
            if closed:
                return self._say(state, [closed], event)
            try:
                row = await self.desk.register(
                    self.session,
                    attendee_id=attendee_id,
                    event=event,
                    answers=form.answers,
                    now=self.now,
                    waitlist=form.waitlist,
                )
            except AlreadyRegistered as clash:
                if self._owns(clash.registration):
                    return self._offer_change(state, event, clash.registration)
                again = flow.reprompt(
                    FormContext(event, self.phrases), form
                )  # someone else's: not shown, not offered
                return self._outcome(
                    state,
                    [self.say("email_taken", event, email=clash.registration.email)],
                    again,
                    event,
                    intents=[Intent.REGISTER],
                )
            except EventFull:  # filled up while they answered: the answers go to the waiting list
                return self._turn_outcome(
                    state,
                    flow.ask_yes_no(
                        Step.JOINING_WAITLIST,
                        event.id,
                        self.say("registration_full", event, capacity=self.desk.capacity(event.id)),
                        answers=form.answers,
                    ),
                    event,
                )
            if row.status == Status.WAITLISTED:
                position = await self.desk.waitlist_position(self.session, row)
                return self._say(
                    state,
                    [self.say("waitlisted", event, position=position, reference=row.reference)],
                    event,
                )
            fee = flow.fee_due(event, form.answers)
            confirmed = self._say(
                state,
                [
                    self.say(
                        "registered",
                        event,
                        reference=row.reference,
                        fee=fee and self.phrases.money(fee.amount, fee.currency),
                    )
                ],
                event,
            )
            return replace(confirmed, calendar=event.id)
        if registration is None:
            return self._say(state, [self.say("not_registered", event)], event)
        if effect is Effect.CANCEL:
            await self.desk.cancel(self.session, registration, self.now)
            return self._say(
                state, [self.say("cancelled", event, reference=registration.reference)], event
            )
        if effect is Effect.ACCEPT_OFFER:
            if await self.desk.accept_offer(self.session, registration, self.now):
                accepted = self._say(
                    state,
                    [self.say("offer_accepted", event, reference=registration.reference)],
                    event,
                )
                return replace(accepted, calendar=registration.event_id)
            return self._say(
                state,
                [
                    self.say(
                        "offer_expired",
                        event,
                        until=self._moment(registration.offer_expires_at, event),
                    )
                ],
                event,
            )
        await self.desk.cancel(self.session, registration, self.now)  # DECLINE_OFFER
        return self._say(state, [self.say("offer_declined", event)], event)

    def _choice_label(self, label: str, value: str) -> str:
        """The form's own buttons (yes, no, confirm, cancel) in the attendee's language; a
        field's choices as the organisers wrote them."""
        own = {"yes": "choice_yes", "no": "choice_no", "cancel": "choice_cancel"}
        word = value.removeprefix(flow.FORM_CHOICE)
        if value.startswith(flow.FORM_CHOICE) and word in own:
            key = "choice_confirm" if word == "yes" and label == "Confirm" else own[word]
            return self.phrases.say(key)
        return label

    def _asks(self, text: str) -> bool:
        """A question to answer before the form goes on: with a question mark, or a question word
        and something the engine recognises ("what is the fee"), not "WHO Regional Office"."""
        if flow.is_question(text):
            return True
        if yes_or_no(text) is not None or not self.engine.lexicon.question_start.match(text):
            return False
        return any(
            q.intent and q.intent not in SOCIAL | ACTIONS and q.score >= 4
            for q in self.engine.understanding.read(text)
        )

    # -- actions the engine handed over ----------------------------------------------------

    async def _act(self, outcome: Outcome, text: str) -> Outcome:
        state, action = outcome.state, outcome.action
        if action is None:
            return outcome
        event = self.engine.events.get(outcome.event) if outcome.event else None
        if action == Intent.REGISTER and event is not None:
            return await self._start_registration(state, event)
        if action == Intent.MY_DATA:
            return self._say(state, await self._my_data(), event, intent=action)
        if action == Intent.FORGET:
            return self._turn_outcome(
                state,
                flow.ask_yes_no(Step.FORGETTING, event.id if event else "", self.say("forget_ask")),
                event,
                intent=action,
            )
        if action in REMINDER_ACTIONS:
            return await self._reminders(outcome, event)
        mine = [
            r
            for r in await self.desk.of_attendee(self.session, await self._attendee_id())
            if r.status in LIVE
        ]
        chosen = [r for r in mine if event is None or r.event_id == event.id]
        if action == Intent.MY_REGISTRATION:
            if not chosen:
                return self._say(state, [self.say("not_registered", event)], event, intent=action)
            lines = [self.say("your_registrations")]
            for r in chosen:
                lines.append(
                    self.say(
                        "registration_line",
                        self.engine.events.get(r.event_id),
                        status=await self._status_long(r),
                        reference=r.reference,
                        paid=r.paid,
                    )
                )
            return self._say(state, lines, event, intent=action)
        if len(chosen) != 1:
            key = "not_registered" if not chosen else "choose_event"
            return self._say(state, [self.say(key, event)], event, intent=action)
        registration = chosen[0]
        event = self.engine.events.get(registration.event_id)
        if event is None:  # its event is gone from the knowledge base
            return self._say(state, [self.say("not_registered")], None, intent=action)
        if action == Intent.CANCEL_REGISTRATION:
            return self._turn_outcome(
                state,
                flow.ask_yes_no(
                    Step.CANCELLING,
                    registration.event_id,
                    self.say("cancel_ask", event, reference=registration.reference),
                    reference=registration.reference,
                ),
                event,
                intent=action,
            )
        return await self._change(state, event, registration, text)

    async def _reminders(self, outcome: Outcome, event: Event | None) -> Outcome:
        """ "Remind me (before the camera-ready)", "which reminders do I have?", "stop them"."""
        state, action = outcome.state, outcome.action or ""
        await self._attendee_id()  # the identity has an id from here on
        if action == Intent.REMIND and event is not None:
            return self._say(
                state, [await self._remind(event, outcome.facts)], event, intent=action
            )
        wishes = [
            w
            for w in await subscriptions.wishes(self.session, self.identity)
            if w.event_id in self.engine.events and (event is None or w.event_id == event.id)
        ]
        if not wishes:
            return self._say(state, [self.say("reminders_none", event)], event, intent=action)
        if action == Intent.STOP_REMINDERS:
            events = [w.event_id for w in wishes]
            await subscriptions.stop(self.session, self.identity, events, self.now)
            return self._say(state, [self.say("reminders_stopped", event)], event, intent=action)
        lines = [self.say("reminders_list")]
        for wish in wishes:
            which = self.engine.events[wish.event_id]
            lines.append(self.say("reminders_line", which, what=self._wished(which, wish)))
        lines.append(self.say("reminders_stop_hint"))
        return self._say(state, lines, event, intent=action)

    async def _remind(self, event: Event, facts: list[str]) -> str:
        """Subscribe to the one deadline the request named, else to all of the event's."""
        named = [moment for f in facts if (moment := plan.moment_of(event, f)) is not None]
        if len(named) == 1:
            moment = named[0]
            if moment.at <= self.now:
                return self.say("remind_nothing", event)
            await subscriptions.subscribe(
                self.session, self.identity.id, event.id, moment.key, self.now
            )
            return self.say(
                "remind_one", event, name=moment.name, at=self.phrases.moment(moment.at)
            )
        registered = await self.desk.live(
            self.session, event.id, attendee_id=await self._attendee_id()
        )
        ahead = [
            moment
            for moment in plan.moments(event)
            if moment.at > self.now and (moment.kind is not MomentKind.EVENT or registered)
        ]
        if not ahead:
            return self.say("remind_nothing", event)
        await subscriptions.subscribe(
            self.session, self.identity.id, event.id, subscriptions.EVERYTHING, self.now
        )
        return self.say("remind_all", event, registered=registered is not None)

    def _wished(self, event: Event, wish: subscriptions.Wish) -> str:
        if wish.moment in ("registered", subscriptions.EVERYTHING):
            return self.say("reminders_all_of", event, registered=wish.moment == "registered")
        moment = next((x for x in plan.moments(event) if x.key == wish.moment), None)
        if moment is None:
            return wish.moment
        return f"{moment.name} ({self.phrases.moment(moment.at)})"

    async def _start_registration(self, state: State, event: Event) -> Outcome:
        if event.registration is None:
            outcome = self._say(
                state, [self.say("form_unavailable", event)], event, intent=Intent.REGISTER
            )
            return replace(
                outcome,
                handoff=True,
                replies=[Reply(outcome.replies[0].text + "\n\n" + self.say("handed_off"))],
            )
        closed = self._window_closed(event)
        if closed:
            return self._say(state, [closed], event, intent=Intent.REGISTER)
        existing = await self.desk.live(
            self.session, event.id, attendee_id=await self._attendee_id()
        )
        if existing is not None:
            return self._offer_change(state, event, existing)
        desk = FormContext(event, self.phrases)
        if await self.desk.is_full(self.session, event):
            return self._turn_outcome(
                state,
                flow.ask_yes_no(
                    Step.JOINING_WAITLIST,
                    event.id,
                    self.say("registration_full", event, capacity=self.desk.capacity(event.id)),
                ),
                event,
                intent=Intent.REGISTER,
            )
        by_mail = self.channel == "email"  # a round trip is slow: every field in one message
        answers = {"email": self.identity.address} if by_mail else None
        started = flow.start(desk, together=by_mail, answers=answers)
        return self._turn_outcome(state, started, event, intent=Intent.REGISTER)

    def _owns(self, registration: Registration) -> bool:
        """Their own registration, or one made with the address they are writing from."""
        identity = self.identity
        return registration.attendee_id == identity.attendee_id or (
            identity.channel == "email" and identity.address.lower() == registration.email
        )

    def _offer_change(self, state: State, event: Event, registration: Registration) -> Outcome:
        prompt = self.say(
            "already_registered",
            event,
            email=registration.email,
            reference=registration.reference,
            status=self._status(registration),
        )
        return self._turn_outcome(
            state,
            flow.ask_yes_no(
                Step.CHANGING_EXISTING,
                event.id,
                prompt,
                reference=registration.reference,
                answers=registration.answers,
            ),
            event,
            intent=Intent.REGISTER,
        )

    async def _change(
        self, state: State, event: Event, registration: Registration, text: str
    ) -> Outcome:
        """ "change my affiliation to …": the form's correction, applied to a stored registration."""
        desk = FormContext(event, self.phrases)
        form = Form(
            step=Step.CONFIRMING,
            event=event.id,
            answers=dict(registration.answers),
            reference=registration.reference,
            position=len(desk.fields),
        )
        turn = flow.correction(desk, form, text)
        changed = (
            {k: v for k, v in turn.form.answers.items() if registration.answers.get(k) != v}
            if turn and turn.form
            else {}
        )
        if not changed:
            why = turn.lines if turn else []  # an invalid value says why
            return self._say(
                state,
                [
                    *why,
                    self.say("change_which", event, fields=[desk.label(f) for f in desk.fields]),
                ],
                event,
                intent=Intent.CHANGE_REGISTRATION,
            )
        try:
            await self.desk.update(self.session, registration, changed, self.now)
        except AlreadyRegistered:
            return self._say(
                state,
                [self.say("form_invalid", reason="that email address is already registered")],
                event,
                intent=Intent.CHANGE_REGISTRATION,
            )
        labels = {f.name: desk.label(f) for f in desk.fields}
        lines = [
            self.say(
                "change_done",
                event,
                label=labels[k],
                value=v or "—",
                reference=registration.reference,
            )
            for k, v in changed.items()
        ]
        return self._say(state, lines, event, intent=Intent.CHANGE_REGISTRATION)

    async def _attendee(self) -> Attendee:
        attendee = await self.session.get(Attendee, await self._attendee_id())
        if attendee is None:
            raise RuntimeError("an identity without its attendee")  # the foreign key forbids it
        return attendee

    async def _forget(self, state: State) -> Outcome:
        attendee = await self._attendee()
        await self.desk.forget(self.session, attendee, self.now)
        self.forgotten = True
        return self._say(State(), [self.say("forgotten")], None, intent=Intent.FORGET)

    async def _my_data(self) -> list[str]:
        attendee = await self._attendee()
        identities = (
            await self.session.scalars(select(Identity).where(Identity.attendee_id == attendee.id))
        ).all()
        lines = [self.say("my_data")]
        lines += [
            self.say("my_data_identity", channel=i.channel, address=i.address) for i in identities
        ]
        lines.append(self.say("my_data_language", language=attendee.language))
        for r in await self.desk.of_attendee(self.session, attendee.id):
            answers = "; ".join(f"{k}: {v}" for k, v in r.answers.items() if v)
            lines.append(
                self.say(
                    "my_data_registration",
                    self.engine.events.get(r.event_id),
                    reference=r.reference,
                    status=self._status(r),
                    paid=r.paid,
                    made=self._moment(r.created_at, self.engine.events.get(r.event_id)),
                    answers=answers,
                )
            )
        questions = (
            await self.session.scalars(
                select(Handoff.question).where(Handoff.identity_id.in_([i.id for i in identities]))
            )
        ).all()
        if questions:
            lines.append(
                self.say(
                    "my_data_questions", n=len(questions), questions=[f"“{q}”" for q in questions]
                )
            )
        lines.append(self.say("my_data_conversation"))
        return lines

    # -- a place offered from the waiting list ------------------------------------------------

    async def _with_offer(self, outcome: Outcome) -> Outcome:
        """After any answer, a place held for the attendee is offered to them."""
        if not self.may_have_offer:
            return outcome
        for registration in await self.desk.of_attendee(self.session, await self._attendee_id()):
            await self.desk.expire_offers(self.session, registration.event_id, self.now)
            if registration.status == Status.OFFERED:
                event = self.engine.events.get(registration.event_id)
                turn = flow.ask_yes_no(
                    Step.ACCEPTING_OFFER,
                    registration.event_id,
                    self.say(
                        "offer", event, until=self._moment(registration.offer_expires_at, event)
                    ),
                    reference=registration.reference,
                )
                return self._outcome(
                    outcome.state,
                    [r.text for r in outcome.replies],
                    turn,
                    event,
                    intents=outcome.intents,
                    handoff=outcome.handoff,
                    facts=outcome.facts,
                )
        return outcome

    # -- helpers -----------------------------------------------------------------------------

    def _window_closed(self, event: Event) -> str | None:
        """Why registration is not possible now, or None when it is open."""
        phrases, now = self.phrases, self.now
        window = m.registration_window(event, now)
        if window is m.Window.OVER:
            return self.say("form_over", event)
        opens, closes = m.registration_opens(event), m.registration_deadline(event)
        if window is m.Window.NOT_YET and opens is not None:
            return self.say(
                "form_not_open",
                event,
                opens=phrases.moment(opens),
                relative=phrases.relative(opens, now),
            )
        if window is m.Window.CLOSED and closes is not None:
            return self.say("form_closed", event, deadline=phrases.day(closes.date()))
        return None

    def _status(self, registration: Registration) -> str:
        return self.say(f"place_{registration.status}")

    async def _status_long(self, registration: Registration) -> str:
        status = self._status(registration)
        if registration.status == Status.WAITLISTED:
            status += f" (#{await self.desk.waitlist_position(self.session, registration)})"
        return status

    def _moment(self, moment: dt.datetime | None, event: Event | None = None) -> str:
        """A stored moment as attendees read it: in the event's zone when it has one."""
        if moment is None:
            return "—"
        zone = m.event_zone(event) if event else None
        return self.phrases.moment(moment.astimezone(zone) if zone else moment)

    def _say(
        self, state: State, lines: list[str], event: Event | None, *, intent: str = Intent.REGISTER
    ) -> Outcome:
        state.form = None
        return Outcome(
            replies=[Reply("\n".join(lines))],
            state=state,
            intents=[intent],
            event=event.id if event else state.event,
            handoff=False,
            facts=[],
        )

    def _turn_outcome(
        self, state: State, turn: FormReply, event: Event | None, *, intent: str = Intent.REGISTER
    ) -> Outcome:
        return self._outcome(state, [], turn, event, intents=[intent])

    def _outcome(
        self,
        state: State,
        before: list[str],
        turn: FormReply,
        event: Event | None,
        *,
        intents: list[str],
        handoff: bool = False,
        facts: list[str] | None = None,
    ) -> Outcome:
        state.form = turn.form.to_dict() if turn.form else None
        if event is not None:
            state.event = event.id
        paragraphs = (
            [*before, "\n".join(turn.lines)] if turn.lines else before
        )  # `before` says it handed off
        replies = [
            Reply(
                "\n\n".join(p for p in paragraphs if p),
                tuple(
                    Choice(self._choice_label(label, value), value) for label, value in turn.choices
                ),
            )
        ]
        return Outcome(
            replies=replies,
            state=state,
            intents=intents,
            event=event.id if event else state.event,
            handoff=handoff,
            facts=facts or [],
        )
