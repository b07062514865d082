"""content/cv.yaml: the CV's sections (experience, education, ...), reusing the profile
for name, links, languages and skills where the CV does not say more."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from portfoliogen.schema.fields import PartialDateField, Text, TextList, Url
from portfoliogen.schema.model import Model, derived

SECTIONS = ("experience", "education", "certifications", "publications", "talks", "awards",
            "languages", "skills")


class Entry(Model):
    """What every dated CV entry shares: tags choose it for a pitch's CV variant."""

    tags: TextList = Field(default=(),
                           description="Words a pitch's `cv: {include: [...]}` can choose this entry by.",
                           examples=[['health']])


class Experience(Entry):
    role: Text = Field(description='Your role.', examples=['Senior product designer'])
    organisation: Text = Field(description='The company or client (or "Freelance").', examples=['Ledgerly'])
    start: PartialDateField = Field(description='When it started (YYYY-MM or YYYY-MM-DD).', examples=['2019-03'])
    end: PartialDateField | None = Field(default=None,
                                         description='When it ended; leave out while it goes on.',
                                         examples=['2022-08'])
    location: Text | None = Field(default=None, description='Where.', examples=['Remote'])
    url: Url | None = Field(default=None, description="The organisation's site.", examples=['https://ledgerly.example/'])
    summary: Text | None = Field(default=None, description='One or two sentences.',
                                 examples=['Led the redesign of checkout and onboarding.'])
    highlights: TextList = Field(default=(), description='Results, one line each.',
                                 examples=[['Checkout completion up 18%']])
    case_studies: TextList = Field(default=(), description='Slugs of case studies from this job.',
                                   examples=[['ledgerly-checkout']])


class Education(Entry):
    institution: Text = Field(description='The school or university.', examples=['University of Oslo'])
    degree: Text | None = Field(default=None, description='The degree or course.',
                                examples=['MSc Interaction design'])
    start: PartialDateField | None = Field(default=None, description='When it started.', examples=['2010-09'])
    end: PartialDateField | None = Field(default=None, description='When it ended.', examples=['2012-06'])
    url: Url | None = Field(default=None, description="The institution's site.", examples=['https://www.uio.no/'])


class Credit(Entry):
    """A certification, publication, talk or award: a title, who, when, a link."""

    title: Text = Field(description='Its title.', examples=['Certified Professional in Accessibility Core Competencies'])
    by: Text | None = Field(default=None, description='Issuer, publisher, event or awarding body.',
                            examples=['IAAP'])
    date: PartialDateField | None = Field(default=None, description='When (YYYY, YYYY-MM or YYYY-MM-DD).',
                                          examples=['2021-05'])
    url: Url | None = Field(default=None, description='Where to see it.', examples=['https://www.accessibilityassociation.org/'])
    summary: Text | None = Field(default=None, description='One sentence.', examples=['On designing results pages patients understand.'])


class LanguageLevel(Model):
    language: Text = Field(description='The language.', examples=['Portuguese'])
    level: Text | None = Field(default=None, description="How well: native, C2, C1, B2... or your own words.",
                               examples=["C1"])


class SkillGroup(Model):
    name: Text = Field(description="The group's name.", examples=['Research'])
    skills: TextList = Field(description='The skills in it.', examples=[['Usability testing', 'Interviews']])
    level: Text | None = Field(default=None, description='How well, if you want to say.', examples=['Expert'])


class Cv(Model):
    summary: Text | None = Field(default=None,
                                 description="A short paragraph at the top (default: the profile's headline).",
                                 examples=['Product designer with eleven years in fintech and health.'])
    experience: tuple[Experience, ...] = Field(default=(), description='Jobs and long engagements, newest first.',
                                               examples=[[{'role': 'Product designer', 'organisation': 'Ledgerly',
                                                           'start': '2019-03'}]])
    education: tuple[Education, ...] = Field(default=(), description='Degrees and courses.',
                                             examples=[[{'institution': 'University of Oslo'}]])
    certifications: tuple[Credit, ...] = Field(default=(), description='Certifications.',
                                               examples=[[{'title': 'CPACC', 'by': 'IAAP'}]])
    publications: tuple[Credit, ...] = Field(default=(), description='Articles, papers, books.',
                                             examples=[[{'title': 'Results people read', 'by': 'UX Collective'}]])
    talks: tuple[Credit, ...] = Field(default=(), description='Talks and workshops.',
                                      examples=[[{'title': 'Designing for anxious users', 'by': 'UXLx 2023'}]])
    awards: tuple[Credit, ...] = Field(default=(), description='Awards.',
                                       examples=[[{'title': 'Best health app', 'by': 'Webby Awards'}]])
    languages: tuple[LanguageLevel, ...] = Field(default=(),
                                                 description="Languages with levels (default: the profile's, without levels).",
                                                 examples=[[{'language': 'English', 'level': 'C2'}]])
    skills: tuple[SkillGroup, ...] = Field(default=(),
                                           description="Skills in groups (default: the profile's, as one group).",
                                           examples=[[{'name': 'Design', 'skills': ['Figma', 'Prototyping']}]])

    src_path: str = derived("")
    locs: Any = derived()
    view: str = derived("")          # the language this copy is for; "" for the default (cv.yaml's maps)


class CvVariant(Model):
    """A pitch's choice of CV entries: by section name or by an entry's tags."""

    include: TextList = Field(default=(),
                              description='Keep only these sections or tagged entries (section names or tags).',
                              examples=[['experience', 'health']])
    exclude: TextList = Field(default=(),
                              description='Leave out these sections or tagged entries.',
                              examples=[['talks']])
    pdf: bool = Field(default=True, description="Write this pitch's own cv.pdf beside it.", examples=[True])


Section = Literal["experience", "education", "certifications", "publications", "talks", "awards",
                  "languages", "skills"]


def select(cv: Cv, variant: CvVariant | None) -> Cv:
    """The entries a pitch's variant keeps: `include` names sections (kept whole) or tags
    (entries of other sections carrying one); `exclude` drops sections or tagged entries."""
    if variant is None:
        return cv
    include, exclude = set(variant.include), set(variant.exclude)
    changes = {}
    for section in SECTIONS:
        entries = getattr(cv, section)
        if section in exclude:
            changes[section] = ()
        elif include and section not in include:
            changes[section] = tuple(e for e in entries if set(getattr(e, "tags", ())) & include)
        else:
            changes[section] = tuple(e for e in entries if not set(getattr(e, "tags", ())) & exclude)
    return cv.model_copy(update=changes)
