"""The one walker over a page body: find a block by its id at any depth, or every block
of a type, however editors nested them (streams in structs in lists, and so on).

Only stream children and list items carry an id (Wagtail gives them a UUID that stays
when the page is edited or translated); struct fields are walked through. A block's
`path` is the ids and field names from the body down to it, the way wagtail-localize
keys its segments, so that a nested paragraph or project card can be named.

Nobody loops over `page.body` by hand: a body nested tomorrow is found the same way.
"""

from dataclasses import dataclass

from wagtail import blocks


@dataclass(frozen=True)
class Found:
    """A block met in a walk: its id (None for a struct field), block, value and path."""

    id: str | None
    block: blocks.Block
    value: object
    path: tuple


def walk(stream_value, path=()):
    """Every block inside `stream_value`, depth first, in reading order."""
    if stream_value is None:
        return
    yield from _children(stream_value, path)


def _children(value, path):
    if isinstance(value, blocks.StreamValue):
        for child in value:
            found = Found(child.id, child.block, child.value, (*path, child.id))
            yield found
            yield from _children(child.value, found.path)
    elif isinstance(value, blocks.list_block.ListValue):
        for item in value.bound_blocks:
            found = Found(item.id, item.block, item.value, (*path, item.id))
            yield found
            yield from _children(item.value, found.path)
    elif isinstance(value, blocks.StructValue):
        for name, child_block in value.block.child_blocks.items():
            child_value = value.get(name)
            found = Found(None, child_block, child_value, (*path, name))
            yield found
            yield from _children(child_value, found.path)


def body_of(page):
    """The page's body stream, or None for a page without one."""
    if page is None:
        return None
    specific = page.specific if hasattr(page, "specific") else page
    return getattr(specific, "body", None)


def find(page_or_stream, block_id, of_type=None):
    """The block with id `block_id` at any depth, or None; `of_type` narrows it to a class."""
    if not block_id:
        return None
    stream = _stream(page_or_stream)
    if (found := _at_the_top(stream, block_id)) is not None:
        if of_type is None or isinstance(found.block, of_type):
            return found
    for found in walk(stream):
        if found.id == block_id and (of_type is None or isinstance(found.block, of_type)):
            return found
    return None


def _at_the_top(stream, block_id):
    """The top-level block `block_id`, found by the ids in the stored data.

    Ids are unique in a body, so this is the block the walk would meet. Wagtail builds a
    body's blocks one type at a time, when one of them is first read: a vote finds its
    widget without building every paragraph of a long draft, and nested blocks are
    walked only when the id is not at the top.
    """
    if not isinstance(stream, blocks.StreamValue):
        return None
    for index, raw in enumerate(stream.raw_data):
        if raw and raw.get("id") == block_id:
            child = stream[index]
            return Found(child.id, child.block, child.value, (child.id,))
    return None


def blocks_of_type(page_or_stream, of_type):
    """Every block of class `of_type` that has an id, at any depth, in reading order."""
    stream = _stream(page_or_stream)
    return [found for found in walk(stream) if found.id and isinstance(found.block, of_type)]


def has_block(page_or_stream, block_id):
    return find(page_or_stream, block_id) is not None


def _stream(page_or_stream):
    if isinstance(page_or_stream, blocks.StreamValue) or page_or_stream is None:
        return page_or_stream
    return body_of(page_or_stream)
