"""What the participation index holds, built from the database (the source of truth).

The document types themselves live with their records and register in search.registry:
pages in pb_pages/documents.py, votes in consultation_blocks/widgets/documents.py,
comments in consultation_blocks/comments/documents.py. Here: turning outbox keys and a
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
    actions, builders = [], {}
    for document_type, object_id in keys:
        documents = DOCUMENT_TYPES.get(document_type)
        if documents is None:
            raise UnknownDocumentType(document_type)
        record = documents.get(object_id)
        _id = document_id(document_type, object_id)
        if record is None:
            actions.append({"_op_type": "delete", "_index": index_name, "_id": _id})
        else:
            if document_type not in builders:
                builders[document_type] = documents.builder()
            source = builders[document_type](record)
            actions.append({"_index": index_name, "_id": _id, "_source": source})
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
