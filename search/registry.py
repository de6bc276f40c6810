"""What the domain apps tell search: their document types, the labels of their values,
who may use staff search, whose documents they find there (their municipalities) and
which consultations staff can filter by.

search/ imports no domain app (tests/test_search_registry.py checks it): each app
registers here from its AppConfig.ready(), so a new document type is one class and one
`register()` in the app that owns its records. Decision: docs/decisions/014-registries.md.
"""

from collections import Counter

# A page taken offline, and the comments on it: the public query leaves these out.
UNPUBLISHED = "unpublished"


class DocumentType:
    """One kind of document in the participation index, built from its app's records.

    An app subclasses this, sets the attributes and writes `records` and `document`.
    """

    name = ""  # the index's doc_type, and the outbox's document_type
    label = ""  # what a reader calls one (translatable): "Comment"
    public = False  # readable in public search (votes are counted, never read)
    staff = False  # shown in staff search
    # True when a document carries its page's state (live or not, open or closed):
    # publishing, unpublishing, moving or deleting the page re-queues `records_of_page`.
    follows_page = False
    # Index fields whose counts per consultation the database must equal (the staff
    # report's index check and search_compare); empty: only documents are counted.
    tally_fields = ()

    def records(self):
        """Every record that has a document, for a rebuild: a queryset, or (for records
        that are not rows, a draft's paragraphs) anything with iterator(chunk_size) and
        count() whose items have a `pk`."""
        raise NotImplementedError

    def get(self, object_id):
        return self.records().filter(pk=object_id).first()

    def records_by_id(self, object_ids):
        """{object_id: record} of those of `object_ids` that have a document (the others'
        documents are deleted): one outbox batch. Types whose records are cheaper to load
        together (a draft's paragraphs: the page and its text) load them at once here."""
        found = {}
        for object_id in object_ids:
            record = self.get(object_id)
            if record is not None:
                found[object_id] = record
        return found

    def document(self, record):
        raise NotImplementedError

    def builder(self):
        """A function from record to document, used for one batch (a rebuild, an outbox round).

        Types whose documents share facts (a comment's page) keep them for the batch.
        """
        return self.document

    def records_of_page(self, page_id):
        """Ids of the records whose documents change with page `page_id` (follows_page)."""
        raise NotImplementedError

    def still_public(self, object_ids):
        """Which of `object_ids` (strings) the public may read now, as the database says:
        the ids of one results page, checked before it is shown, so that what a
        moderator hid or an editor took offline never shows while the index catches up.

        One query (or a fixed few) for all the ids. A public type must say (a system
        check fails until it does, search/checks.py); until then nothing of it is shown.
        """
        return set()

    def tally(self, consultation=None):
        """Counter of (consultation, *tally_fields values) -> records, as the database
        counts them, for one consultation (a translation key) or every one."""
        return Counter()


DOCUMENT_TYPES = {}


def register(document_type):
    """Index `document_type` (a DocumentType instance); called from an AppConfig.ready()."""
    if document_type.name in DOCUMENT_TYPES:
        raise ValueError(f"Search document type {document_type.name!r} is registered twice.")
    DOCUMENT_TYPES[document_type.name] = document_type
    return document_type


def public_types():
    return [name for name, documents in DOCUMENT_TYPES.items() if documents.public]


def still_public(keys):
    """The (doc_type, object_id) of `keys` that the database says the public may read
    now: one still_public() per type, whatever the number of keys. A type no app
    registers, or not public, has none."""
    ids_by_type = {}
    for doc_type, object_id in keys:
        ids_by_type.setdefault(doc_type, set()).add(str(object_id))
    public = set()
    for doc_type, ids in ids_by_type.items():
        documents = DOCUMENT_TYPES.get(doc_type)
        if documents is not None and documents.public:
            public |= {(doc_type, str(pk)) for pk in documents.still_public(sorted(ids))}
    return public


def int_ids(object_ids):
    """The ids of `object_ids` that are integers (the index's ids are strings)."""
    return [int(pk) for pk in object_ids if str(pk).isascii() and str(pk).isdigit()]


def lacks_still_public():
    """Names of the public types whose app has not said what is still public."""
    return [
        name
        for name, documents in DOCUMENT_TYPES.items()
        if documents.public and type(documents).still_public is DocumentType.still_public
    ]


def staff_types():
    return [name for name, documents in DOCUMENT_TYPES.items() if documents.staff]


def label_of_type(name):
    documents = DOCUMENT_TYPES.get(name)
    return documents.label if documents else name


# Index field -> the TextChoices of its values: facet and result labels, and the values a
# staff filter accepts. Fields staff can narrow by, in the order they were registered.
FIELD_CHOICES = {}
STAFF_FILTERS = []


def register_choices(field, choices, staff_filter=False):
    FIELD_CHOICES[field] = choices
    if staff_filter and field not in STAFF_FILTERS:
        STAFF_FILTERS.append(field)


def label_of(field, value):
    """The label of an index value in the active language; the value itself if unknown."""
    choices = FIELD_CHOICES.get(field)
    if choices is not None and value in choices.values:
        return choices(value).label
    return value or ""


# What staff search asks of the apps. Until an app says, superusers only: a missing
# registration must not open every comment to every editor.
def _superuser(user):
    return bool(user and user.is_active and user.is_superuser)


_hooks = {
    "may_search": _superuser,
    "consultations": lambda language_code, municipalities=None: [],
    # Until an app says: a superuser finds everything, anyone else nothing.
    "staff_scope": lambda user: None if _superuser(user) else [],
    "municipality_choices": lambda user: [],
    "municipality_names": lambda ids: {},
    "site_municipality": lambda request: None,
}


def register_staff_check(check):
    """`check(user)` -> whether `user` may use staff search (held and hidden comments)."""
    _hooks["may_search"] = check


def may_search(user):
    return _hooks["may_search"](user)


def register_staff_scope(scope, choices=None):
    """`scope(user)` -> the municipalities (ids) whose documents `user` finds in staff
    search, or None for all of them (a platform administrator). Every document carries
    its municipality's id in the field "municipality". `choices(user)` -> [(id, name)]
    of the municipalities `user` may narrow the search to."""
    _hooks["staff_scope"] = scope
    if choices is not None:
        _hooks["municipality_choices"] = choices


def register_municipality_names(names):
    """`names(ids)` -> {id (string): name in the active language}: the public search's
    facet "municipality" shows them."""
    _hooks["municipality_names"] = names


def municipality_names(ids):
    return _hooks["municipality_names"](ids)


def register_site_municipality(find):
    """`find(request)` -> the id of the municipality whose own site (hostname) the
    request is on, or None (the platform's): public search covers it by default."""
    _hooks["site_municipality"] = find


def site_municipality(request):
    return _hooks["site_municipality"](request)


def staff_scope(user):
    """The municipality ids (strings) whose documents `user` finds, or None for all."""
    scope = _hooks["staff_scope"](user)
    return None if scope is None else sorted(str(pk) for pk in scope)


def municipality_choices(user):
    return _hooks["municipality_choices"](user)


def register_consultations(list_consultations):
    """`list_consultations(language_code, municipalities=None)` -> [(translation key,
    title)] for staff's filter: of the municipalities (ids) given, or of all (None)."""
    _hooks["consultations"] = list_consultations


def consultations(language_code, municipalities=None):
    return _hooks["consultations"](language_code, municipalities=municipalities)
