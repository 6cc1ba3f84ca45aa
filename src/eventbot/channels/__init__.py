"""The channels: each turns its input into messages for the assistant and renders the replies."""
