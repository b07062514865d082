"""A pitch's `proposal:` (scope, milestones, price, payments, terms) and the freelancer's
`unavailable:` periods; the dates are computed in documents/schedule.py."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from portfoliogen.schema.fields import Currency, DateField, Text, TextList, TimeZone, Url, WorkingHours
from portfoliogen.schema.model import Model

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday"]


class Unavailable(Model):
    from_: DateField = Field(alias="from", description='First day you are away (YYYY-MM-DD).',
                             examples=['2027-04-05'])
    to: DateField = Field(description='Last day you are away (YYYY-MM-DD).', examples=['2027-04-09'])
    note: Text | None = Field(default=None, description='Why (not shown to clients).', examples=['Holiday'])

    def covers(self, day: dt.date) -> bool:
        return self.from_ <= day <= self.to


class Deliverable(Model):
    name: Text | None = Field(default=None, description="What they get (default: the service's name).",
                              examples=['Discovery and research'])
    service: Text | None = Field(default=None, description='The id of a service (services.yaml) it comes from.',
                                 examples=['product-design'])
    description: Text | None = Field(default=None, description='One or two sentences.',
                                     examples=['Interviews with four receptionists and eight patients.'])
    price: float | None = Field(default=None, ge=0,
                                description="Its price (default: the service's price); for a day, hour or month "
                                            "rate, the price of one unit, times quantity.",
                                examples=[9500])
    quantity: float = Field(default=1, gt=0, description='How many days, hours or units.', examples=[1])


class Milestone(Model):
    name: Text = Field(description="The milestone's name.", examples=['Discovery'])
    days: int = Field(ge=1, description='Working days of your work.', examples=[10])
    review_days: int = Field(default=0, ge=0,
                             description='Working days the client needs to review it before the next one starts.',
                             examples=[3])
    delivers: Text | None = Field(default=None, description='What is handed over at the end.',
                                  examples=['Research report and problem brief'])


class Adjustment(Model):
    label: Text = Field(description='What it is.', examples=['Returning client'])
    percent: float | None = Field(default=None, gt=0, le=100, description='A percentage off the subtotal.',
                                  examples=[5])
    amount: float | None = Field(default=None, gt=0, description='A fixed amount off.', examples=[500])


class Tax(Model):
    label: Text = Field(default="VAT", description='The tax line\'s name.', examples=['VAT'])
    rate: float = Field(ge=0, le=100, description='The rate in percent.', examples=[23])


class Payment(Model):
    percent: float = Field(gt=0, le=100, description='Share of the total, in percent.', examples=[40])
    milestone: Text | None = Field(default=None,
                                   description='Due when this milestone is delivered (default: on signing).',
                                   examples=['Discovery'])


class WeeklyCall(Model):
    day: Weekday = Field(default="tuesday", description='The weekday of the weekly call.', examples=['tuesday'])
    minutes: int = Field(default=30, ge=15, le=180, description='How long it is.', examples=[30])


class Proposal(Model):
    problem: Text = Field(description="The problem, in the client's words.",
                          examples=['Half of the patients who start booking online give up.'])
    scope: tuple[Deliverable, ...] = Field(min_length=1, description='The deliverables, each with its price.',
                                           examples=[[{'service': 'ux-audit'}]])
    not_included: TextList = Field(default=(), description='What is explicitly not included.',
                                   examples=[['Implementation']])
    assumptions: TextList = Field(default=(), description='What the plan assumes.',
                                  examples=[['One decision maker signs off each milestone']])
    client_provides: TextList = Field(default=(), description='What the client provides, and when.',
                                      examples=[['Analytics access in week one']])
    start: DateField = Field(description='The first working day (YYYY-MM-DD).', examples=['2027-02-01'])
    milestones: tuple[Milestone, ...] = Field(min_length=1, description='The milestones, in order.',
                                              examples=[[{'name': 'Discovery', 'days': 10, 'review_days': 3}]])
    revisions: int = Field(default=2, ge=0, description='Revision rounds per milestone.', examples=[2])
    currency: Currency | None = Field(default=None, description="ISO 4217 code (default: the services' currency).",
                                      examples=['EUR'])
    discounts: tuple[Adjustment, ...] = Field(default=(), description='Discounts off the subtotal.',
                                              examples=[[{'label': 'Returning client', 'percent': 5}]])
    tax: Tax | None = Field(default=None, description='A tax line added to the total.',
                            examples=[{'label': 'VAT', 'rate': 23}])
    payments: tuple[Payment, ...] = Field(default=(), description='The payment schedule; the shares sum to 100.',
                                          examples=[[{'percent': 40}, {'percent': 60, 'milestone': 'Handoff'}]])
    valid_until: DateField = Field(description='The offer stands until this date (YYYY-MM-DD).',
                                   examples=['2027-01-15'])
    issued: DateField | None = Field(default=None, description='The date of the proposal.', examples=['2026-12-01'])
    terms: TextList = Field(default=(), description='Short terms, one line each.',
                            examples=[['Invoices are due within 14 days']])
    terms_url: Url | None = Field(default=None, description='A link to your full terms.',
                                  examples=['https://example.com/terms/'])
    client_timezone: TimeZone | None = Field(default=None, description="The client's IANA time zone.",
                                             examples=['America/New_York'])
    client_working_hours: WorkingHours = Field(default="09:00-17:00",
                                               description="The client's working hours, in their time zone.",
                                               examples=['09:00-17:00'])
    weekly_call: WeeklyCall | None = Field(default=None,
                                           description='A weekly call in the hours you both work (in proposal.ics).',
                                           examples=[{'day': 'tuesday', 'minutes': 30}])
