"""The guide: walks the room through set-up, the four internal-customer questions, via negativa and review.

Every answer is a model edit through the document's undo stack, so the board grows as the room
answers and Back simply shows what the model already holds.
"""
