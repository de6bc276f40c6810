"""What the participation index holds, built from the database (the source of truth).

The document types themselves live with their records and register in search.registry:
pages in pb_pages/documents.py, votes in consultation_blocks/widgets/documents.py,
comments in consultation_blocks/comments/documents.py, a draft's paragraphs in
consultation_blocks/drafts/documents.py. Here: turning outbox keys and a
rebuild into bulk actions, whatever the types are.
"""

from .registry import DOCUMENT_TYPES, UNPUBLISHED  # noqa: F401  (read from here too)


class UnknownDocumentType(LookupError):
    """An outbox entry names a type no installed app registers."""


def document_id(document_type, object_id):
    return f"{document_type}-{object_id}"


def actions_for(keys, index_name):
    """Bulk actions for (document_type, object_id) keys: index what exists, delete the rest.

    Raises UnknownDocumentType for a type no app registers (the outbox sorts those out
    before calling: see outbox.send_due).
    """
    ids_by_type = {}
    for document_type, object_id in keys:
        if document_type not in DOCUMENT_TYPES:
            raise UnknownDocumentType(document_type)
        ids_by_type.setdefault(document_type, []).append(object_id)
    actions = []
    for document_type, object_ids in ids_by_type.items():
        documents = DOCUMENT_TYPES[document_type]
        records = documents.records_by_id(object_ids)
        build = documents.builder() if records else None
        for object_id in object_ids:
            _id = document_id(document_type, object_id)
            record = records.get(object_id)
            if record is None:
                actions.append({"_op_type": "delete", "_index": index_name, "_id": _id})
            else:
                actions.append({"_index": index_name, "_id": _id, "_source": build(record)})
    return actions


def all_documents(index_name):
    """Index actions for every record of every type, for a rebuild."""
    for documents in DOCUMENT_TYPES.values():
        build = documents.builder()
        for record in documents.records().iterator(chunk_size=500):
            yield {
                "_index": index_name,
                "_id": document_id(documents.name, record.pk),
                "_source": build(record),
            }


def count_records():
    return {name: documents.records().count() for name, documents in DOCUMENT_TYPES.items()}
